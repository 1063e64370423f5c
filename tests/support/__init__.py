"""What the test tiers share: fakes, emulator and engine drivers, ledgers, documents.

Test modules and conftest files import from here; nothing imports a test module or a conftest
(tests/unit/project/test_tests_layout.py checks it).
"""
