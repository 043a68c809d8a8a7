"""Talking to the provincial platform: HTTP, keys and signatures, protocol messages. No Qt."""
