"""The Qt face of the program (PySide6 Widgets). Only this package imports Qt.

- ``app.run_gui`` starts the application (called by ``dienhinh`` with no command).
- ``main_window.MainWindow`` holds the navigation and the pages of ``gui/pages/``.
- ``worker.run_in_worker`` runs long core work off the GUI thread with a progress dialog.
"""
