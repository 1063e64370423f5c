"""`ocamba-campaigns due`: whether a scheduled tick has anything to do, without the engine."""
