-- report cohort (by area), as of :AS_OF: of the participants registered by the date, those
-- with (dated by the date) an invitation, a conversation, a trajectory started, a placement
-- started, an exit (change to uitgestroomd, 5; whether or not they came back), on bijstand on
-- the date (no exit/return by then, or the last one a return), and of those on bijstand the
-- ones with a conversation, a home visit or a loonwaarde assessment (of any placement of theirs)
-- dated in (as-of - 12 months, as-of]: the 12 months up to the date, the first of them being
-- the day after as-of - 12 months (months clamped to the month's last day, as traject adds
-- them).
-- The area is the participant's as recorded now ('(no area)' when empty). Columns as
-- `traject report cohort --csv` without *_pct and total.
-- Parameters (substituted as text): :ORG (an SQL string), :AS_OF (days since 1970-01-01).
-- Plan: one pass over the trajectories in (org, ref) order for the trajectory facts, joined to
-- one pass over the participants whose contacts are index searches on (org, ref) that stop at
-- the first match (a recent contact is searched from the participant's last contact back).

-- as-of - 12 months
CREATE TEMP TABLE horizon AS
SELECT CAST(MIN(julianday(2440587.5 + :AS_OF, 'start of month', '-12 months')
                  + CAST(strftime('%d', 2440587.5 + :AS_OF) AS INTEGER) - 1,
                julianday(2440587.5 + :AS_OF, 'start of month', '-11 months', '-1 day'))
            - 2440587.5 AS INTEGER) AS h;

WITH tj AS MATERIALIZED (
  -- per participant with a trajectory started by the date
  SELECT t.ref,
    MAX(EXISTS (SELECT 1 FROM placements p
                WHERE p.org = t.org AND p.trajectory = t.id AND p.start <= :AS_OF)) AS placed,
    -- exits (5) and returns (7) by the date: the largest (day, seq) with the kind in its last
    -- 3 bits (the kind of the last one; none: on bijstand since registration), times 2, plus
    -- whether there was an exit
    MAX((SELECT MAX((sc.date * 4294967296 + sc.seq) * 8 + sc.to_state) * 2
                  + MAX(sc.to_state = 5)
         FROM state_changes sc
         WHERE sc.org = t.org AND sc.trajectory = t.id AND sc.to_state IN (5, 7)
           AND sc.date <= :AS_OF)) AS moves,
    -- a loonwaarde assessment of one of the placements in the recent months
    MAX(EXISTS (SELECT 1 FROM placements p CROSS JOIN loonwaarde l
                  ON l.org = p.org AND l.placement = p.id
                WHERE p.org = t.org AND p.trajectory = t.id AND p.start <= :AS_OF
                  AND l.date > (SELECT h FROM horizon) AND l.date <= :AS_OF)) AS assessed
  FROM trajectories t
  WHERE t.org = :ORG AND t.started <= :AS_OF
  GROUP BY t.ref
),
f AS MATERIALIZED (
  SELECT CASE q.area WHEN '' THEN '(no area)' ELSE q.area END AS area, q.ref,
    EXISTS (SELECT 1 FROM contacts ct WHERE ct.org = q.org AND ct.ref = q.ref
              AND ct.kind = 'invited' AND ct.date <= :AS_OF) AS invited,
    EXISTS (SELECT 1 FROM contacts ct WHERE ct.org = q.org AND ct.ref = q.ref
              AND ct.kind = 'conversation' AND ct.date <= :AS_OF) AS spoken,
    tj.ref IS NOT NULL AS in_trajectory,
    COALESCE(tj.placed, 0) AS placed,
    COALESCE(tj.moves % 2, 0) AS uitgestroomd,
    COALESCE(tj.moves / 2 % 8, 7) = 7 AS on_bijstand,
    COALESCE(tj.assessed, 0) AS assessed
  FROM participants q LEFT JOIN tj ON tj.ref = q.ref
  WHERE q.org = :ORG AND q.registered <= :AS_OF
)
SELECT area,
  COUNT(*) AS participants, SUM(invited) AS invited, SUM(spoken) AS spoken,
  SUM(in_trajectory) AS in_trajectory, SUM(placed) AS placed,
  SUM(uitgestroomd) AS uitgestroomd, SUM(on_bijstand) AS on_bijstand,
  -- a recent picture, looked for only for those on bijstand (CASE evaluates no further)
  SUM(CASE WHEN NOT on_bijstand THEN 0
           WHEN assessed THEN 1
           WHEN (SELECT 1 FROM contacts ct
                 WHERE ct.org = :ORG AND ct.ref = f.ref
                   AND ct.kind IN ('conversation', 'home-visit')
                   AND ct.date > (SELECT h FROM horizon) AND ct.date <= :AS_OF
                 ORDER BY ct.org DESC, ct.ref DESC, ct.seq DESC LIMIT 1) IS NOT NULL THEN 1
           ELSE 0 END) AS recent_picture,
  SUM(on_bijstand) AS recent_picture_base
FROM f
GROUP BY area
ORDER BY area;
