"""Live rooms in the app: the presenter's panel (`live_room`), the store and QR codes
(`room_access`), the voter's page (`room_voter`).

May import: `imos`, `components.shell`, `components.charts`, `components.differential`.
"""
