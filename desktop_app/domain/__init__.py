"""Pure rules of subsidised training: standard library only, no I/O."""
