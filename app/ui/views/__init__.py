"""Pages of the main window (one per navigation entry; see app.ui.mainwindow.VIEWS)."""
