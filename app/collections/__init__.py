"""collections"""
