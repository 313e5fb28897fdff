"""Live rooms in the app: the presenter's panel (`live_room`), the store and QR codes
(`room_access`), the voter's page (`room_voter`), and who is asking: the browser's
lasting id, the rooms it presents and the client's address (`browser_id`).

May import: `imos`, `components.shell`, `components.charts`, `components.differential`.
"""
