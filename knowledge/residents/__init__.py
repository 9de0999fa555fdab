"""Residents' data: what they asked, what they follow, which chats are gone."""
