"""Reading plan appendices (Phụ lục) from Excel into indicators, tasks, assignments and deadlines.

reader → headers → rows → parse: each step knows one thing, so a new kind of real-world
appendix usually means one more header wording or one more row rule, not a new code path.
"""
