-- report flow (by area) for the window [:FROM, :TO], as of :AS_OF:
--   bestand_start  on bijstand at the end of :FROM - 1
--   instroom       registrations dated in the window
--   herinstroom    returns (changes to terugval, 7) in the window of someone off bijstand
--   uitstroom      exits (changes to uitgestroomd, 5) in the window of someone on bijstand
--   bestand_end    on bijstand at the end of :TO
-- On bijstand on a day: registered by then, and no exit/return dated by then or the last one
-- (by day, then recording order) a return. An exit of someone already off, or a return of
-- someone on, changes nothing: whether an event counts follows from the one before it.
-- The area is the participant's as recorded now ('(no area)' when empty). Columns as
-- `traject report flow --csv` without name, the rates (computed from these figures) and total.
-- Parameters (substituted as text): :ORG (an SQL string), :AS_OF, :FROM, :TO (days since
-- 1970-01-01; :TO already cut to the as-of date).

-- Every exit and return dated by the as-of date, in each participant's order, with the kind
-- of the event before it (NULL for the first: on bijstand since registration).
CREATE TEMP TABLE moves AS
SELECT ref, to_state, date, seq,
  LAG(to_state) OVER (PARTITION BY ref ORDER BY date, seq) AS before
FROM (SELECT t.ref, sc.to_state, sc.date, sc.seq
      FROM trajectories t CROSS JOIN state_changes sc ON sc.org = t.org AND sc.trajectory = t.id
      WHERE t.org = :ORG AND sc.to_state IN (5, 7) AND sc.date <= :AS_OF);

SELECT CASE q.area WHEN '' THEN '(no area)' ELSE q.area END AS area,
  SUM(q.registered < :FROM AND COALESCE(s.last_start, 7) = 7) AS bestand_start,
  SUM(q.registered >= :FROM) AS instroom,
  SUM(COALESCE(s.herinstroom, 0)) AS herinstroom,
  SUM(COALESCE(s.uitstroom, 0)) AS uitstroom,
  SUM(COALESCE(s.last_end, 7) = 7) AS bestand_end
FROM participants q
LEFT JOIN (
  -- the kind of each participant's last event by the end of :FROM - 1 and of :TO: the
  -- largest (day, seq) with the kind in its last 3 bits
  SELECT ref,
    MAX(CASE WHEN date < :FROM THEN (date * 4294967296 + seq) * 8 + to_state END) % 8
      AS last_start,
    MAX(CASE WHEN date <= :TO THEN (date * 4294967296 + seq) * 8 + to_state END) % 8
      AS last_end,
    SUM(date BETWEEN :FROM AND :TO AND to_state = 7 AND before = 5) AS herinstroom,
    SUM(date BETWEEN :FROM AND :TO AND to_state = 5 AND COALESCE(before, 7) = 7) AS uitstroom
  FROM moves
  GROUP BY ref
) s ON s.ref = q.ref
WHERE q.org = :ORG AND q.registered <= :TO
GROUP BY 1
ORDER BY 1;
