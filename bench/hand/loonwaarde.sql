-- report loonwaarde (the list), as of :AS_OF: placements running on the date (started by then,
-- not ended before it) without a loonwaarde assessment dated by then; forfait_ends is the
-- start plus 6 months (lks.forfait-months), clamped to the month's last day as traject adds
-- months (2024-08-31 + 6 months = 2025-02-28); expired when it is on or before the date (days
-- since), ending within 6 weeks (42 days; days until), running later (days until).
-- The klantmanager is the one assigned on the date ('' without one).
-- Columns as `traject report loonwaarde --csv`.
-- Parameters (substituted as text): :ORG (an SQL string), :AS_OF (days since 1970-01-01).
SELECT CASE WHEN e <= :AS_OF THEN 'expired' WHEN e <= :AS_OF + 42 THEN 'ending'
            ELSE 'running' END AS status,
  abs(e - :AS_OF) AS days,
  date(2440587.5 + e) AS forfait_ends,
  placement, trajectory, participant, klantmanager, programme, employer,
  date(2440587.5 + start) AS start
FROM (
  SELECT p.id AS placement, p.trajectory, t.ref AS participant, t.programme, p.employer, p.start,
    COALESCE((SELECT a.name FROM assignments a
              WHERE a.org = t.org AND a.ref = t.ref AND a.role = 'klantmanager'
                AND a.start <= :AS_OF AND (a.until IS NULL OR a.until > :AS_OF)
              ORDER BY a.seq DESC LIMIT 1), '') AS klantmanager,
    -- start + 6 months, clamped: the same day 6 months on, or that month's last day
    CAST(MIN(julianday(2440587.5 + p.start, 'start of month', '+6 months')
               + CAST(strftime('%d', 2440587.5 + p.start) AS INTEGER) - 1,
             julianday(2440587.5 + p.start, 'start of month', '+7 months', '-1 day'))
         - 2440587.5 AS INTEGER) AS e
  FROM placements p CROSS JOIN trajectories t ON t.org = p.org AND t.id = p.trajectory
  WHERE p.org = :ORG AND p.start <= :AS_OF AND (p.end_date IS NULL OR p.end_date >= :AS_OF)
    AND NOT EXISTS (SELECT 1 FROM loonwaarde l
                    WHERE l.org = p.org AND l.placement = p.id AND l.date <= :AS_OF)
)
ORDER BY e, placement;
