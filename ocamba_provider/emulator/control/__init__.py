"""The `/_emulator/` control surface, the test harness's side door: its URL map (`routes`), its
handlers (`handlers`) and `EmulatorControl`, the HTTP client that drives it (`client`)."""
