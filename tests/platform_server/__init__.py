"""Reference implementation of the provincial platform's side of docs/protocol/PROTOCOL.md.

A real HTTP server (FastAPI on uvicorn, SQLAlchemy storage) that the tests start as a
subprocess and that a person can start by hand: `python -m tests.platform_server --control`.
It is deliberately independent of the client (`desktop_app.platform`, services, store): it
canonicalises, hashes and verifies signatures itself, so that it is a second implementation
of the protocol, checked against the golden vectors in tests/platform/golden/.
"""

SERVER_NAME = "SkillDesk reference platform"
