"""ui/tablemodels"""
