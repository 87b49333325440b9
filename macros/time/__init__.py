"""Time: due dates, working days and holidays, recurrence, time-limit rules and their Chinese words."""
