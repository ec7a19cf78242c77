WITH
`source` AS (
  SELECT row_number() OVER (ORDER BY monotonically_increasing_id()) AS `__line`,
    COALESCE(CAST(`province` AS STRING), '') AS `__c0`,
    COALESCE(CAST(`region` AS STRING), '') AS `__c1`,
    COALESCE(CAST(`city` AS STRING), '') AS `__c2`,
    COALESCE(CAST(`urban_population（万人）` AS STRING), '') AS `__c4`,
    COALESCE(CAST(`service_centers` AS STRING), '') AS `__c6`
  FROM registers
),
`blocks` AS (
  SELECT *, COUNT(CASE WHEN NOT (`__c0` RLIKE '^(?:[ \\t\\x{3000}]*)$') THEN 1 END) OVER (ORDER BY `__line` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__block0`,
    COUNT(CASE WHEN NOT (`__c1` RLIKE '^(?:[ \\t\\x{3000}]*)$') THEN 1 END) OVER (ORDER BY `__line` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__block1`
  FROM `source`
),
`filled` AS (
  SELECT `__line`,
    `__c2`,
    `__c4`,
    `__c6`,
    COALESCE(MAX(CASE WHEN NOT (`__c0` RLIKE '^(?:[ \\t\\x{3000}]*)$') THEN `__c0` END) OVER (PARTITION BY `__block0`), `__c0`) AS `__c0`,
    COALESCE(MAX(CASE WHEN NOT (`__c1` RLIKE '^(?:[ \\t\\x{3000}]*)$') THEN `__c1` END) OVER (PARTITION BY `__block1`), `__c1`) AS `__c1`
  FROM `blocks`
),
`cells` AS (
  SELECT `__line`,
    CASE WHEN trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c2`) <> '' THEN trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c2`) WHEN trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c0`) <> '' AND ((regexp_replace(lower(translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c0`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[\\s_\\-]+', '') RLIKE '^(?:(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average))$') OR (trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM regexp_replace(regexp_replace(lower(translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c0`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\\[][^)\\]]*[)\\]]', ' '), '[*:：、,.。]', ' ')) <> '' AND (trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM regexp_replace(regexp_replace(lower(translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c0`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\\[][^)\\]]*[)\\]]', ' '), '[*:：、,.。]', ' ')) RLIKE '^(?:(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|\\p{IsHan}{0,12}(合计|小计|总计|平均))([\\t\\n\\x{000B}\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|\\p{IsHan}{0,12}(合计|小计|总计|平均)))*)$'))) THEN trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c0`) WHEN trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c1`) <> '' AND ((regexp_replace(lower(translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c1`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[\\s_\\-]+', '') RLIKE '^(?:(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average))$') OR (trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM regexp_replace(regexp_replace(lower(translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c1`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\\[][^)\\]]*[)\\]]', ' '), '[*:：、,.。]', ' ')) <> '' AND (trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM regexp_replace(regexp_replace(lower(translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c1`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\\[][^)\\]]*[)\\]]', ' '), '[*:：、,.。]', ' ')) RLIKE '^(?:(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|\\p{IsHan}{0,12}(合计|小计|总计|平均))([\\t\\n\\x{000B}\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|\\p{IsHan}{0,12}(合计|小计|总计|平均)))*)$'))) THEN trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c1`) ELSE '' END AS `__label`,
    NULL AS `__year_text`,
    trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c0`) AS `__part0`,
    CASE WHEN (`__c4` RLIKE '^(?:[0-9]{1,30})$') THEN `__c4` ELSE translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c4`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') END AS `__text_urban_population`,
    CASE WHEN (`__c6` RLIKE '^(?:[0-9]{1,30})$') THEN `__c6` ELSE translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c6`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') END AS `__text_service_centers`
  FROM `filled`
),
`texts` AS (
  SELECT `cells`.*,
    regexp_replace(replace(`__text_urban_population`, ',', ''), '^[+]', '') AS `__bare_urban_population`,
    regexp_replace(replace(`__text_service_centers`, ',', ''), '^[+]', '') AS `__bare_service_centers`
  FROM `cells`
),
`rows` AS (
  SELECT `__line`,
    `__label`,
    CASE WHEN `__year_text` = '' OR (`__year_text` RLIKE '^(?:\\d{4})$') THEN `__year_text` ELSE raise_error('not a year of four digits: ' || `__year_text`) END AS `__year`,
    CASE WHEN `__label` IS NULL OR `__label` = '' OR NOT (`__label` RLIKE '^[全合总小平tTsSnNcCaA#＃其]|[计均\\*＊:：\\)）\\]]$') THEN 'part' WHEN ((regexp_replace(lower(translate(`__label`, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[\\s_\\-]+', '') RLIKE '^(?:(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average))$') OR (trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM regexp_replace(regexp_replace(lower(translate(`__label`, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\\[][^)\\]]*[)\\]]', ' '), '[*:：、,.。]', ' ')) <> '' AND (trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM regexp_replace(regexp_replace(lower(translate(`__label`, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\\[][^)\\]]*[)\\]]', ' '), '[*:：、,.。]', ' ')) RLIKE '^(?:(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|\\p{IsHan}{0,12}(合计|小计|总计|平均))([\\t\\n\\x{000B}\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|\\p{IsHan}{0,12}(合计|小计|总计|平均)))*)$'))) THEN 'total' WHEN (translate(`__label`, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') LIKE '#%' OR `__label` LIKE '其中%') THEN 'of-which' ELSE 'part' END AS `__role`,
    `__part0`,
    CASE WHEN (`__text_urban_population` RLIKE '^(?:[0-9]{1,30})$') THEN CAST(`__text_urban_population` AS DECIMAL(38,0)) * CAST(100000000 AS DECIMAL(38,0)) WHEN `__text_urban_population` IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT (`__text_urban_population` RLIKE '^(?:[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?)$') THEN raise_error('urban_population（万人）: not a number: ' || `__text_urban_population`) WHEN length(split_part(`__bare_urban_population`, '.', 2)) > 8 THEN raise_error('urban_population（万人）: more than 8 decimal places (see --scale): ' || `__text_urban_population`) WHEN `__bare_urban_population` LIKE '-%' AND (`__bare_urban_population` RLIKE '^(?:-[0.]*)$') = false THEN raise_error('urban_population（万人）: a count cannot be negative: ' || `__text_urban_population`) WHEN NOT (substr(split_part(`__bare_urban_population`, '.', 1) || rpad(split_part(`__bare_urban_population`, '.', 2), 8, '0'), length(split_part(`__bare_urban_population`, '.', 1) || rpad(split_part(`__bare_urban_population`, '.', 2), 8, '0')) - 3) RLIKE '^(?:0{4})$') THEN raise_error('urban_population（万人）: not a whole number once the unit is applied: ' || `__text_urban_population`) ELSE CAST(split_part(`__bare_urban_population`, '.', 1) || rpad(split_part(`__bare_urban_population`, '.', 2), 8, '0') AS DECIMAL(38,0)) END AS `urban_population`,
    CASE WHEN (`__text_service_centers` RLIKE '^(?:[0-9]{1,30})$') THEN CAST(`__text_service_centers` AS DECIMAL(38,0)) * CAST(10000 AS DECIMAL(38,0)) WHEN `__text_service_centers` IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT (`__text_service_centers` RLIKE '^(?:[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?)$') THEN raise_error('service_centers: not a number: ' || `__text_service_centers`) WHEN length(split_part(`__bare_service_centers`, '.', 2)) > 4 THEN raise_error('service_centers: more than 4 decimal places (see --scale): ' || `__text_service_centers`) WHEN `__bare_service_centers` LIKE '-%' AND (`__bare_service_centers` RLIKE '^(?:-[0.]*)$') = false THEN raise_error('service_centers: a count cannot be negative: ' || `__text_service_centers`) WHEN NOT (substr(split_part(`__bare_service_centers`, '.', 1) || rpad(split_part(`__bare_service_centers`, '.', 2), 4, '0'), length(split_part(`__bare_service_centers`, '.', 1) || rpad(split_part(`__bare_service_centers`, '.', 2), 4, '0')) - 3) RLIKE '^(?:0{4})$') THEN raise_error('service_centers: not a whole number once the unit is applied: ' || `__text_service_centers`) ELSE CAST(split_part(`__bare_service_centers`, '.', 1) || rpad(split_part(`__bare_service_centers`, '.', 2), 4, '0') AS DECIMAL(38,0)) END AS `service_centers`,
    CAST(10000 AS DECIMAL(38,0)) AS `communities`
  FROM `texts`
),
`parts` AS (
  SELECT `rows`.*, `__part0` AS `__g0`
  FROM `rows`
  WHERE `__role` = 'part'
),
`ranked` AS (
  SELECT `parts`.*, min(`__line`) OVER (PARTITION BY `__g0`) AS `__f0`
  FROM `parts`
),
`units` AS (
  SELECT `__g0` AS `group`, COUNT(*) AS `units`, CASE WHEN COUNT(`urban_population`) = COUNT(*) THEN SUM(`urban_population`) END AS `urban_population`, CASE WHEN COUNT(`service_centers`) = COUNT(*) THEN SUM(`service_centers`) END AS `service_centers`, CASE WHEN COUNT(`communities`) = COUNT(*) THEN SUM(`communities`) END AS `communities`, 0 AS `__oy`, 0 AS `__ot`, min(`__f0`) AS `__r0`, min(`__line`) AS `__rl`
  FROM `ranked`
  GROUP BY `__g0`
)
SELECT `group`,
  `units`,
  CASE WHEN `communities` IS NULL THEN NULL ELSE (CASE WHEN `communities` < 0 THEN '-' ELSE '' END) || CAST((abs(`communities`) div CAST(10000 AS DECIMAL(38,0))) AS STRING) || CASE WHEN (abs(`communities`) - (abs(`communities`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs(`communities`) - (abs(`communities`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) AS STRING), 4, '0'), '0') END END AS `communities`,
  CASE WHEN `urban_population` IS NULL THEN NULL ELSE (CASE WHEN `urban_population` < 0 THEN '-' ELSE '' END) || CAST((abs(`urban_population`) div CAST(10000 AS DECIMAL(38,0))) AS STRING) || CASE WHEN (abs(`urban_population`) - (abs(`urban_population`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs(`urban_population`) - (abs(`urban_population`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) AS STRING), 4, '0'), '0') END END AS `urban_population`,
  CASE WHEN `service_centers` IS NULL THEN NULL ELSE (CASE WHEN `service_centers` < 0 THEN '-' ELSE '' END) || CAST((abs(`service_centers`) div CAST(10000 AS DECIMAL(38,0))) AS STRING) || CASE WHEN (abs(`service_centers`) - (abs(`service_centers`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs(`service_centers`) - (abs(`service_centers`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) AS STRING), 4, '0'), '0') END END AS `service_centers`,
  CASE WHEN `__q0` IS NULL THEN NULL ELSE CASE WHEN ((`__n0` < 0) <> (`__d0` < 0)) AND (`__q0` + CASE WHEN 2 * (abs(`__n0`) - `__q0` * abs(`__d0`)) > abs(`__d0`) OR (2 * (abs(`__n0`) - `__q0` * abs(`__d0`)) = abs(`__d0`) AND `__q0` % 2 = 1) THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST((`__q0` + CASE WHEN 2 * (abs(`__n0`) - `__q0` * abs(`__d0`)) > abs(`__d0`) OR (2 * (abs(`__n0`) - `__q0` * abs(`__d0`)) = abs(`__d0`) AND `__q0` % 2 = 1) THEN 1 ELSE 0 END) AS STRING) END AS `population_per_community`,
  CASE WHEN `__q1` IS NULL THEN NULL ELSE CASE WHEN ((`__n1` < 0) <> (`__d1` < 0)) AND (`__q1` + CASE WHEN 2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) > abs(`__d1`) OR (2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) = abs(`__d1`) AND `__q1` % 2 = 1) THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST(((`__q1` + CASE WHEN 2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) > abs(`__d1`) OR (2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) = abs(`__d1`) AND `__q1` % 2 = 1) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) AS STRING) || '.' || lpad(CAST(((`__q1` + CASE WHEN 2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) > abs(`__d1`) OR (2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) = abs(`__d1`) AND `__q1` % 2 = 1) THEN 1 ELSE 0 END) - ((`__q1` + CASE WHEN 2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) > abs(`__d1`) OR (2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) = abs(`__d1`) AND `__q1` % 2 = 1) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) * CAST(100 AS DECIMAL(38,0))) AS STRING), 2, '0') END AS `centers_per_10k_residents`
FROM (
  SELECT *, (abs(`__n0`) div abs(`__d0`)) AS `__q0`, (abs(`__n1`) div abs(`__d1`)) AS `__q1`
  FROM (
    SELECT *, `urban_population` AS `__n0`,
      CASE WHEN `communities` = 0 THEN NULL ELSE `communities` END AS `__d0`,
      ((`service_centers` * CAST(10000 AS DECIMAL(38,0))) * CAST(100 AS DECIMAL(38,0))) AS `__n1`,
      CASE WHEN `urban_population` = 0 THEN NULL ELSE `urban_population` END AS `__d1`
    FROM `units`
  ) `fractions`
) `quotients`
ORDER BY `__oy`, `__ot`, `__r0`, `__rl`;
