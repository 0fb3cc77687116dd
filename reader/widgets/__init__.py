"""The reader's widgets; each takes plain data and posts messages, the screen wires them."""
