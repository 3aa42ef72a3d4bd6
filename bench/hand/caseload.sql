-- report caseload (both roles), as of :AS_OF: per caseworker assigned on the date, the
-- participants, those on bijstand, with an open trajectory and working on the date; plus the
-- klantmanager "(none)" row: on bijstand on the date without a klantmanager.
-- Columns as `traject report caseload --csv` without the total rows.
-- Parameters (substituted as text): :ORG (an SQL string), :AS_OF (days since 1970-01-01).

-- Each participant registered by the date, with the three facts of the date, from one pass
-- over the trajectories in (org, ref) order, each searching its state changes and placements.
CREATE TEMP TABLE facts (ref TEXT PRIMARY KEY, on_bijstand INT, in_trajectory INT, placed INT);
INSERT INTO facts
SELECT q.ref,
  -- on bijstand: no exit/return by the date, or the last one (by day, then recording order)
  -- is a return
  COALESCE(tj.last_move, 7) = 7,
  COALESCE(tj.open, 0),
  COALESCE(tj.placed, 0)
FROM participants q
LEFT JOIN (
  SELECT t.ref,
    -- some trajectory whose state on the date (its last change dated by then, aangemeld
    -- without one) is aangemeld, intake, in-leerwerk or geplaatst
    -- (the kind of the last change: the largest (day, seq), the state in its last 3 bits)
    MAX(COALESCE((SELECT MAX((sc.date * 4294967296 + sc.seq) * 8 + sc.to_state)
                  FROM state_changes sc
                  WHERE sc.org = t.org AND sc.trajectory = t.id AND sc.date <= :AS_OF) % 8,
                 1) <= 4) AS open,
    -- the kind of the last exit (5) or return (7) dated by the date, over all trajectories:
    -- the largest (day, seq) with the kind in its last 3 bits
    MAX((SELECT MAX((sc.date * 4294967296 + sc.seq) * 8 + sc.to_state) FROM state_changes sc
         WHERE sc.org = t.org AND sc.trajectory = t.id AND sc.to_state IN (5, 7)
           AND sc.date <= :AS_OF)) % 8 AS last_move,
    -- working: a placement started by the date and not ended before it
    MAX(EXISTS (SELECT 1 FROM placements p
                WHERE p.org = t.org AND p.trajectory = t.id AND p.start <= :AS_OF
                  AND (p.end_date IS NULL OR p.end_date >= :AS_OF))) AS placed
  FROM trajectories t
  WHERE t.org = :ORG AND t.started <= :AS_OF
  GROUP BY t.ref
) tj ON tj.ref = q.ref
WHERE q.org = :ORG AND q.registered <= :AS_OF;

SELECT role, name, COUNT(*) AS participants, SUM(on_bijstand) AS on_bijstand,
  SUM(in_trajectory) AS in_trajectory, SUM(placed) AS placed
FROM (
  -- the assignment of each role on the date: started by then, not ended by then (one per
  -- participant and role: the latest, should two overlap)
  SELECT a.role, a.name, f.*
  FROM assignments a CROSS JOIN facts f ON f.ref = a.ref
  WHERE a.org = :ORG AND a.start <= :AS_OF AND (a.until IS NULL OR a.until > :AS_OF)
    AND NOT EXISTS (SELECT 1 FROM assignments b
                    WHERE b.org = a.org AND b.ref = a.ref AND b.role = a.role
                      AND b.seq > a.seq AND b.start <= :AS_OF
                      AND (b.until IS NULL OR b.until > :AS_OF))
  UNION ALL
  SELECT 'klantmanager', '(none)', f.*
  FROM facts f
  WHERE f.on_bijstand
    AND NOT EXISTS (SELECT 1 FROM assignments a
                    WHERE a.org = :ORG AND a.ref = f.ref AND a.role = 'klantmanager'
                      AND a.start <= :AS_OF AND (a.until IS NULL OR a.until > :AS_OF))
)
GROUP BY role, name
ORDER BY role = 'jobhunter', name;
