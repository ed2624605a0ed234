"""Reports from the store: the daily brief (:mod:`sitrep.report.brief`) and exports (:mod:`sitrep.report.export`).

Nothing is imported here, so that each report loads only what it needs.
"""
