WITH
"source" AS (
  SELECT row_number() OVER () AS "__line",
    COALESCE(CAST("地区" AS VARCHAR), '') AS "__c0",
    COALESCE(CAST("社区数（个）" AS VARCHAR), '') AS "__c1",
    COALESCE(CAST("城镇人口（万人）" AS VARCHAR), '') AS "__c2",
    COALESCE(CAST("社区服务中心数（个）" AS VARCHAR), '') AS "__c4"
  FROM half_way
),
"cells" AS (
  SELECT "__line",
    regexp_replace("__c0", '^[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS "__label",
    NULL AS "__year_text",
    translate(regexp_replace("__c1", '^[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g'), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') AS "__text_communities",
    translate(regexp_replace("__c2", '^[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g'), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') AS "__text_urban_population",
    translate(regexp_replace("__c4", '^[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g'), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') AS "__text_service_centers"
  FROM "source"
),
"texts" AS (
  SELECT "cells".*,
    regexp_replace(replace("__text_communities", ',', ''), '^[+]', '') AS "__bare_communities",
    regexp_replace(replace("__text_urban_population", ',', ''), '^[+]', '') AS "__bare_urban_population",
    regexp_replace(replace("__text_service_centers", ',', ''), '^[+]', '') AS "__bare_service_centers"
  FROM "cells"
),
"rows" AS (
  SELECT "__line",
    "__label",
    CASE WHEN "__year_text" = '' OR ("__year_text" ~ '^(?:\d{4})$') THEN "__year_text" ELSE CAST('not a year of four digits: ' || "__year_text" AS INTEGER) END AS "__year",
    CASE WHEN "__label" IS NULL OR "__label" = '' OR NOT (left("__label", 1) IN ('全', '合', '总', '小', '平', 't', 'T', 's', 'S', 'n', 'N', 'c', 'C', 'a', 'A', '#', '＃', '其') OR right("__label", 1) IN ('计', '均', '*', '＊', ':', '：', ')', '）', ']')) THEN 'part' WHEN (regexp_replace(lower(translate("__label", '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[\s_\-]+', '', 'g') IN ('全国', '合计', '总计', '小计', '全国合计', '全国总计', '总数', '全省', '全市', '全区', '全县', '平均', '全国平均', 'total', 'subtotal', 'national', 'china', 'all', 'average') OR (regexp_replace(regexp_replace(regexp_replace(lower(translate("__label", '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\[][^)\]]*[)\]]', ' ', 'g'), '[*:：、,.。]', ' ', 'g'), '^[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') <> '' AND (regexp_replace(regexp_replace(regexp_replace(lower(translate("__label", '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\[][^)\]]*[)\]]', ' ', 'g'), '[*:：、,.。]', ' ', 'g'), '^[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') ~ '^(?:(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF{0,12}(合计|小计|总计|平均))([\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF{0,12}(合计|小计|总计|平均)))*)$'))) THEN 'total' WHEN (translate("__label", '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') LIKE '#%' OR "__label" LIKE '其中%') THEN 'of-which' ELSE 'part' END AS "__role",
    CASE WHEN "__text_communities" IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT ("__text_communities" ~ '^(?:[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)$') THEN CAST('社区数（个）: not a number: ' || "__text_communities" AS INTEGER) WHEN length(split_part("__bare_communities", '.', 2)) > 4 THEN CAST('社区数（个）: more than 4 decimal places (see --scale): ' || "__text_communities" AS INTEGER) WHEN "__bare_communities" LIKE '-%' AND ("__bare_communities" ~ '^(?:-[0.]*)$') = false THEN CAST('社区数（个）: a count cannot be negative: ' || "__text_communities" AS INTEGER) WHEN NOT (substr(split_part("__bare_communities", '.', 1) || rpad(split_part("__bare_communities", '.', 2), 4, '0'), length(split_part("__bare_communities", '.', 1) || rpad(split_part("__bare_communities", '.', 2), 4, '0')) - 3) ~ '^(?:0{4})$') THEN CAST('社区数（个）: not a whole number once the unit is applied: ' || "__text_communities" AS INTEGER) ELSE CAST(split_part("__bare_communities", '.', 1) || rpad(split_part("__bare_communities", '.', 2), 4, '0') AS NUMERIC) END AS "communities",
    CASE WHEN "__text_urban_population" IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT ("__text_urban_population" ~ '^(?:[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)$') THEN CAST('城镇人口（万人）: not a number: ' || "__text_urban_population" AS INTEGER) WHEN length(split_part("__bare_urban_population", '.', 2)) > 8 THEN CAST('城镇人口（万人）: more than 8 decimal places (see --scale): ' || "__text_urban_population" AS INTEGER) WHEN "__bare_urban_population" LIKE '-%' AND ("__bare_urban_population" ~ '^(?:-[0.]*)$') = false THEN CAST('城镇人口（万人）: a count cannot be negative: ' || "__text_urban_population" AS INTEGER) WHEN NOT (substr(split_part("__bare_urban_population", '.', 1) || rpad(split_part("__bare_urban_population", '.', 2), 8, '0'), length(split_part("__bare_urban_population", '.', 1) || rpad(split_part("__bare_urban_population", '.', 2), 8, '0')) - 3) ~ '^(?:0{4})$') THEN CAST('城镇人口（万人）: not a whole number once the unit is applied: ' || "__text_urban_population" AS INTEGER) ELSE CAST(split_part("__bare_urban_population", '.', 1) || rpad(split_part("__bare_urban_population", '.', 2), 8, '0') AS NUMERIC) END AS "urban_population",
    CASE WHEN "__text_service_centers" IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT ("__text_service_centers" ~ '^(?:[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)$') THEN CAST('社区服务中心数（个）: not a number: ' || "__text_service_centers" AS INTEGER) WHEN length(split_part("__bare_service_centers", '.', 2)) > 4 THEN CAST('社区服务中心数（个）: more than 4 decimal places (see --scale): ' || "__text_service_centers" AS INTEGER) WHEN "__bare_service_centers" LIKE '-%' AND ("__bare_service_centers" ~ '^(?:-[0.]*)$') = false THEN CAST('社区服务中心数（个）: a count cannot be negative: ' || "__text_service_centers" AS INTEGER) WHEN NOT (substr(split_part("__bare_service_centers", '.', 1) || rpad(split_part("__bare_service_centers", '.', 2), 4, '0'), length(split_part("__bare_service_centers", '.', 1) || rpad(split_part("__bare_service_centers", '.', 2), 4, '0')) - 3) ~ '^(?:0{4})$') THEN CAST('社区服务中心数（个）: not a whole number once the unit is applied: ' || "__text_service_centers" AS INTEGER) ELSE CAST(split_part("__bare_service_centers", '.', 1) || rpad(split_part("__bare_service_centers", '.', 2), 4, '0') AS NUMERIC) END AS "service_centers"
  FROM "texts"
),
"yeared" AS (
  SELECT *, min("__line") OVER (PARTITION BY "__year") AS "__first"
  FROM "rows"
),
"units" AS (
  SELECT "__label" AS "unit", "communities", "urban_population", "service_centers", "__first" AS "__o0", 0 AS "__o1", "__line" AS "__o2"
  FROM "yeared"
  UNION ALL
  SELECT 'total' AS "unit", CASE WHEN COUNT(CASE WHEN "__role" = 'part' THEN "communities" END) = COUNT(CASE WHEN "__role" = 'part' THEN 1 END) THEN SUM(CASE WHEN "__role" = 'part' THEN "communities" END) END AS "communities", CASE WHEN COUNT(CASE WHEN "__role" = 'part' THEN "urban_population" END) = COUNT(CASE WHEN "__role" = 'part' THEN 1 END) THEN SUM(CASE WHEN "__role" = 'part' THEN "urban_population" END) END AS "urban_population", CASE WHEN COUNT(CASE WHEN "__role" = 'part' THEN "service_centers" END) = COUNT(CASE WHEN "__role" = 'part' THEN 1 END) THEN SUM(CASE WHEN "__role" = 'part' THEN "service_centers" END) END AS "service_centers", min("__first") AS "__o0", CASE WHEN COUNT(CASE WHEN "__role" = 'part' THEN 1 END) = 0 THEN CAST('--totals: no unit rows to add up, only national/total or "of which" rows' AS INTEGER) ELSE 1 END AS "__o1", 0 AS "__o2"
  FROM "yeared"
  GROUP BY "__year"
)
SELECT "unit",
  CASE WHEN "communities" IS NULL THEN NULL ELSE (CASE WHEN "communities" < 0 THEN '-' ELSE '' END) || CAST(div(abs("communities"), CAST(10000 AS NUMERIC)) AS VARCHAR) || CASE WHEN (abs("communities") - div(abs("communities"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs("communities") - div(abs("communities"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) AS VARCHAR), 4, '0'), '0') END END AS "communities",
  CASE WHEN "urban_population" IS NULL THEN NULL ELSE (CASE WHEN "urban_population" < 0 THEN '-' ELSE '' END) || CAST(div(abs("urban_population"), CAST(10000 AS NUMERIC)) AS VARCHAR) || CASE WHEN (abs("urban_population") - div(abs("urban_population"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs("urban_population") - div(abs("urban_population"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) AS VARCHAR), 4, '0'), '0') END END AS "urban_population",
  CASE WHEN "service_centers" IS NULL THEN NULL ELSE (CASE WHEN "service_centers" < 0 THEN '-' ELSE '' END) || CAST(div(abs("service_centers"), CAST(10000 AS NUMERIC)) AS VARCHAR) || CASE WHEN (abs("service_centers") - div(abs("service_centers"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs("service_centers") - div(abs("service_centers"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) AS VARCHAR), 4, '0'), '0') END END AS "service_centers",
  CASE WHEN "__q0" IS NULL THEN NULL ELSE CASE WHEN (("__n0" < 0) <> ("__d0" < 0)) AND ("__q0" + CASE WHEN 1 = 0 THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST(("__q0" + CASE WHEN 1 = 0 THEN 1 ELSE 0 END) AS VARCHAR) END AS "population_per_community",
  CASE WHEN "__q1" IS NULL THEN NULL ELSE CASE WHEN (("__n1" < 0) <> ("__d1" < 0)) AND ("__q1" + CASE WHEN 1 = 0 THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST(div(("__q1" + CASE WHEN 1 = 0 THEN 1 ELSE 0 END), CAST(100 AS NUMERIC)) AS VARCHAR) || '.' || lpad(CAST((("__q1" + CASE WHEN 1 = 0 THEN 1 ELSE 0 END) - div(("__q1" + CASE WHEN 1 = 0 THEN 1 ELSE 0 END), CAST(100 AS NUMERIC)) * CAST(100 AS NUMERIC)) AS VARCHAR), 2, '0') END AS "residents_per_center_10k"
FROM (
  SELECT *, div(abs("__n0"), abs("__d0")) AS "__q0", div(abs("__n1"), abs("__d1")) AS "__q1"
  FROM (
    SELECT *, "urban_population" AS "__n0",
      CASE WHEN "communities" = 0 THEN NULL ELSE "communities" END AS "__d0",
      "urban_population" AS "__n1",
      CASE WHEN "service_centers" = 0 THEN NULL ELSE ("service_centers" * CAST(100 AS NUMERIC)) END AS "__d1"
    FROM "units"
  ) "fractions"
) "quotients"
ORDER BY "__o0", "__o1", "__o2";
