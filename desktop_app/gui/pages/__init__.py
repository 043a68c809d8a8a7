"""Today's pages, one module per screen, moving to `gui/screens/<name>/`; the navigation order is
`gui.screen_list.SCREEN_IDS`."""
