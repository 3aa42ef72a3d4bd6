-- report outcomes (by programme) for the window [:FROM, :TO], as of :AS_OF, short and long
-- windows 6 and 12 months:
--   uitstroom        exits (a change to uitgestroomd, 5) dated in the window
--   uitstroom_work   of which the trajectory's exit reason is work
--   naar_werk        of the exits with E + 1 month <= as-of: the participant works on E + 1 month
--                    (some placement of theirs runs that day) or the exit was for work, and
--                    they are off bijstand on E + 1 month: of all exits and returns (a change
--                    to terugval, 7) of their trajectories dated on or before it, the last (by
--                    date, then recording order) is an exit (an exit leaves them off, a return
--                    on, whatever they were before)
--   duurzaam_6m/12m  of the exits with E + 6 (12) months <= as-of: no return of that trajectory
--                    dated in (E, E + 6 (12) months]
--   terugval         returns dated in the window
--   werkbehoud_6m/12m of the placements started in the window with start + 6 (12) months
--                    <= as-of: the participant works on start + 6 (12) months
-- Months are added as traject adds them: the same day N months on, clamped to that month's
-- last day. Facts dated after the as-of date are not known.
-- Columns as `traject report outcomes --from --to --csv` without name, *_pct and total.
-- Parameters (substituted as text): :ORG (an SQL string), :AS_OF, :FROM, :TO (days since
-- 1970-01-01; :TO already cut to the as-of date).

-- The exits (5) and returns (7) in the window, in one pass over the trajectories, with E + 1,
-- 6 and 12 months.
CREATE TEMP TABLE moves AS
SELECT t.programme, t.id, t.ref, t.exit_reason, sc.to_state, sc.date AS e,
  CAST(MIN(julianday(2440587.5 + sc.date, 'start of month', '+1 months')
             + CAST(strftime('%d', 2440587.5 + sc.date) AS INTEGER) - 1,
           julianday(2440587.5 + sc.date, 'start of month', '+2 months', '-1 day'))
       - 2440587.5 AS INTEGER) AS e1,
  CAST(MIN(julianday(2440587.5 + sc.date, 'start of month', '+6 months')
             + CAST(strftime('%d', 2440587.5 + sc.date) AS INTEGER) - 1,
           julianday(2440587.5 + sc.date, 'start of month', '+7 months', '-1 day'))
       - 2440587.5 AS INTEGER) AS e6,
  CAST(MIN(julianday(2440587.5 + sc.date, 'start of month', '+12 months')
             + CAST(strftime('%d', 2440587.5 + sc.date) AS INTEGER) - 1,
           julianday(2440587.5 + sc.date, 'start of month', '+13 months', '-1 day'))
       - 2440587.5 AS INTEGER) AS e12
FROM trajectories t CROSS JOIN state_changes sc ON sc.org = t.org AND sc.trajectory = t.id
WHERE t.org = :ORG AND sc.to_state IN (5, 7) AND sc.date BETWEEN :FROM AND :TO;

-- The placements started in the window, with start + 6 and 12 months.
CREATE TEMP TABLE starts AS
SELECT t.programme, t.ref,
  CAST(MIN(julianday(2440587.5 + p.start, 'start of month', '+6 months')
             + CAST(strftime('%d', 2440587.5 + p.start) AS INTEGER) - 1,
           julianday(2440587.5 + p.start, 'start of month', '+7 months', '-1 day'))
       - 2440587.5 AS INTEGER) AS s6,
  CAST(MIN(julianday(2440587.5 + p.start, 'start of month', '+12 months')
             + CAST(strftime('%d', 2440587.5 + p.start) AS INTEGER) - 1,
           julianday(2440587.5 + p.start, 'start of month', '+13 months', '-1 day'))
       - 2440587.5 AS INTEGER) AS s12
FROM placements p CROSS JOIN trajectories t ON t.org = p.org AND t.id = p.trajectory
WHERE p.org = :ORG AND p.start BETWEEN :FROM AND :TO;

SELECT programme,
  SUM(uitstroom) AS uitstroom, SUM(uitstroom_work) AS uitstroom_work,
  SUM(naar_werk) AS naar_werk, SUM(naar_werk_base) AS naar_werk_base,
  SUM(duurzaam_6m) AS duurzaam_6m, SUM(duurzaam_6m_base) AS duurzaam_6m_base,
  SUM(duurzaam_12m) AS duurzaam_12m, SUM(duurzaam_12m_base) AS duurzaam_12m_base,
  SUM(terugval) AS terugval,
  SUM(werkbehoud_6m) AS werkbehoud_6m, SUM(werkbehoud_6m_base) AS werkbehoud_6m_base,
  SUM(werkbehoud_12m) AS werkbehoud_12m, SUM(werkbehoud_12m_base) AS werkbehoud_12m_base
FROM (
  SELECT x.programme, 1 AS uitstroom, x.exit_reason = 'work' AS uitstroom_work,
    x.e1 <= :AS_OF
      AND (x.exit_reason = 'work'
           OR EXISTS (SELECT 1 FROM trajectories w CROSS JOIN placements j
                        ON j.org = w.org AND j.trajectory = w.id
                      WHERE w.org = :ORG AND w.ref = x.ref AND j.start <= x.e1
                        AND (j.end_date IS NULL OR j.end_date >= x.e1)))
      -- off bijstand on E + 1 month: their last exit or return by then is an exit
      AND (SELECT r.to_state FROM trajectories w CROSS JOIN state_changes r
             ON r.org = w.org AND r.trajectory = w.id
           WHERE w.org = :ORG AND w.ref = x.ref AND r.to_state IN (5, 7) AND r.date <= x.e1
           ORDER BY r.date DESC, r.seq DESC LIMIT 1) = 5 AS naar_werk,
    x.e1 <= :AS_OF AS naar_werk_base,
    x.e6 <= :AS_OF
      AND NOT EXISTS (SELECT 1 FROM state_changes r
                      WHERE r.org = :ORG AND r.trajectory = x.id AND r.to_state = 7
                        AND r.date > x.e AND r.date <= x.e6) AS duurzaam_6m,
    x.e6 <= :AS_OF AS duurzaam_6m_base,
    x.e12 <= :AS_OF
      AND NOT EXISTS (SELECT 1 FROM state_changes r
                      WHERE r.org = :ORG AND r.trajectory = x.id AND r.to_state = 7
                        AND r.date > x.e AND r.date <= x.e12) AS duurzaam_12m,
    x.e12 <= :AS_OF AS duurzaam_12m_base,
    0 AS terugval, 0 AS werkbehoud_6m, 0 AS werkbehoud_6m_base, 0 AS werkbehoud_12m,
    0 AS werkbehoud_12m_base
  FROM moves x WHERE x.to_state = 5
  UNION ALL
  SELECT programme, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 FROM moves WHERE to_state = 7
  UNION ALL
  SELECT s.programme, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    s.s6 <= :AS_OF
      AND EXISTS (SELECT 1 FROM trajectories w CROSS JOIN placements j
                    ON j.org = w.org AND j.trajectory = w.id
                  WHERE w.org = :ORG AND w.ref = s.ref AND j.start <= s.s6
                    AND (j.end_date IS NULL OR j.end_date >= s.s6)),
    s.s6 <= :AS_OF,
    s.s12 <= :AS_OF
      AND EXISTS (SELECT 1 FROM trajectories w CROSS JOIN placements j
                    ON j.org = w.org AND j.trajectory = w.id
                  WHERE w.org = :ORG AND w.ref = s.ref AND j.start <= s.s12
                    AND (j.end_date IS NULL OR j.end_date >= s.s12)),
    s.s12 <= :AS_OF
  FROM starts s
)
GROUP BY programme
ORDER BY programme;
