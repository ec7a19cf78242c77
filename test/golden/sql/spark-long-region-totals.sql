WITH
`regions` (`spelling`, `region`) AS (VALUES
    ('北京', '东部'),
    ('beijing', '东部'),
    ('beijingprovince', '东部'),
    ('beijingcity', '东部'),
    ('beijingautonomousregion', '东部'),
    ('天津', '东部'),
    ('tianjin', '东部'),
    ('tianjinprovince', '东部'),
    ('tianjincity', '东部'),
    ('tianjinautonomousregion', '东部'),
    ('河北', '东部'),
    ('hebei', '东部'),
    ('hebeiprovince', '东部'),
    ('hebeicity', '东部'),
    ('hebeiautonomousregion', '东部'),
    ('山西', '中部'),
    ('shanxi', '中部'),
    ('shanxiprovince', '中部'),
    ('shanxicity', '中部'),
    ('shanxiautonomousregion', '中部'),
    ('内蒙古', '西部'),
    ('innermongolia', '西部'),
    ('innermongoliaprovince', '西部'),
    ('innermongoliacity', '西部'),
    ('innermongoliaautonomousregion', '西部'),
    ('neimongol', '西部'),
    ('neimongolprovince', '西部'),
    ('neimongolcity', '西部'),
    ('neimongolautonomousregion', '西部'),
    ('neimenggu', '西部'),
    ('neimengguprovince', '西部'),
    ('neimenggucity', '西部'),
    ('neimengguautonomousregion', '西部'),
    ('辽宁', '东部'),
    ('liaoning', '东部'),
    ('liaoningprovince', '东部'),
    ('liaoningcity', '东部'),
    ('liaoningautonomousregion', '东部'),
    ('吉林', '中部'),
    ('jilin', '中部'),
    ('jilinprovince', '中部'),
    ('jilincity', '中部'),
    ('jilinautonomousregion', '中部'),
    ('黑龙江', '中部'),
    ('heilongjiang', '中部'),
    ('heilongjiangprovince', '中部'),
    ('heilongjiangcity', '中部'),
    ('heilongjiangautonomousregion', '中部'),
    ('上海', '东部'),
    ('shanghai', '东部'),
    ('shanghaiprovince', '东部'),
    ('shanghaicity', '东部'),
    ('shanghaiautonomousregion', '东部'),
    ('江苏', '东部'),
    ('jiangsu', '东部'),
    ('jiangsuprovince', '东部'),
    ('jiangsucity', '东部'),
    ('jiangsuautonomousregion', '东部'),
    ('浙江', '东部'),
    ('zhejiang', '东部'),
    ('zhejiangprovince', '东部'),
    ('zhejiangcity', '东部'),
    ('zhejiangautonomousregion', '东部'),
    ('安徽', '中部'),
    ('anhui', '中部'),
    ('anhuiprovince', '中部'),
    ('anhuicity', '中部'),
    ('anhuiautonomousregion', '中部'),
    ('福建', '东部'),
    ('fujian', '东部'),
    ('fujianprovince', '东部'),
    ('fujiancity', '东部'),
    ('fujianautonomousregion', '东部'),
    ('江西', '中部'),
    ('jiangxi', '中部'),
    ('jiangxiprovince', '中部'),
    ('jiangxicity', '中部'),
    ('jiangxiautonomousregion', '中部'),
    ('山东', '东部'),
    ('shandong', '东部'),
    ('shandongprovince', '东部'),
    ('shandongcity', '东部'),
    ('shandongautonomousregion', '东部'),
    ('河南', '中部'),
    ('henan', '中部'),
    ('henanprovince', '中部'),
    ('henancity', '中部'),
    ('henanautonomousregion', '中部'),
    ('湖北', '中部'),
    ('hubei', '中部'),
    ('hubeiprovince', '中部'),
    ('hubeicity', '中部'),
    ('hubeiautonomousregion', '中部'),
    ('湖南', '中部'),
    ('hunan', '中部'),
    ('hunanprovince', '中部'),
    ('hunancity', '中部'),
    ('hunanautonomousregion', '中部'),
    ('广东', '东部'),
    ('guangdong', '东部'),
    ('guangdongprovince', '东部'),
    ('guangdongcity', '东部'),
    ('guangdongautonomousregion', '东部'),
    ('广西', '西部'),
    ('guangxi', '西部'),
    ('guangxiprovince', '西部'),
    ('guangxicity', '西部'),
    ('guangxiautonomousregion', '西部'),
    ('海南', '东部'),
    ('hainan', '东部'),
    ('hainanprovince', '东部'),
    ('hainancity', '东部'),
    ('hainanautonomousregion', '东部'),
    ('重庆', '西部'),
    ('chongqing', '西部'),
    ('chongqingprovince', '西部'),
    ('chongqingcity', '西部'),
    ('chongqingautonomousregion', '西部'),
    ('四川', '西部'),
    ('sichuan', '西部'),
    ('sichuanprovince', '西部'),
    ('sichuancity', '西部'),
    ('sichuanautonomousregion', '西部'),
    ('贵州', '西部'),
    ('guizhou', '西部'),
    ('guizhouprovince', '西部'),
    ('guizhoucity', '西部'),
    ('guizhouautonomousregion', '西部'),
    ('云南', '西部'),
    ('yunnan', '西部'),
    ('yunnanprovince', '西部'),
    ('yunnancity', '西部'),
    ('yunnanautonomousregion', '西部'),
    ('西藏', '西部'),
    ('tibet', '西部'),
    ('tibetprovince', '西部'),
    ('tibetcity', '西部'),
    ('tibetautonomousregion', '西部'),
    ('xizang', '西部'),
    ('xizangprovince', '西部'),
    ('xizangcity', '西部'),
    ('xizangautonomousregion', '西部'),
    ('陕西', '西部'),
    ('shaanxi', '西部'),
    ('shaanxiprovince', '西部'),
    ('shaanxicity', '西部'),
    ('shaanxiautonomousregion', '西部'),
    ('甘肃', '西部'),
    ('gansu', '西部'),
    ('gansuprovince', '西部'),
    ('gansucity', '西部'),
    ('gansuautonomousregion', '西部'),
    ('青海', '西部'),
    ('qinghai', '西部'),
    ('qinghaiprovince', '西部'),
    ('qinghaicity', '西部'),
    ('qinghaiautonomousregion', '西部'),
    ('宁夏', '西部'),
    ('ningxia', '西部'),
    ('ningxiaprovince', '西部'),
    ('ningxiacity', '西部'),
    ('ningxiaautonomousregion', '西部'),
    ('新疆', '西部'),
    ('xinjiang', '西部'),
    ('xinjiangprovince', '西部'),
    ('xinjiangcity', '西部'),
    ('xinjiangautonomousregion', '西部')),
`source` AS (
  SELECT row_number() OVER (ORDER BY monotonically_increasing_id()) AS `__line`,
    COALESCE(CAST(`地区` AS STRING), '') AS `__c0`,
    COALESCE(CAST(`年份` AS STRING), '') AS `__c1`,
    COALESCE(CAST(`社区数（个）` AS STRING), '') AS `__c2`,
    COALESCE(CAST(`居委会成员数（人）` AS STRING), '') AS `__c3`,
    COALESCE(CAST(`社区服务中心数（个）` AS STRING), '') AS `__c4`,
    COALESCE(CAST(`城镇人口（万人）` AS STRING), '') AS `__c5`
  FROM mca.yearbook
),
`blocks` AS (
  SELECT *, COUNT(CASE WHEN NOT (`__c1` RLIKE '^(?:[ \\t\\x{3000}]*)$') THEN 1 END) OVER (ORDER BY `__line` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__block1`
  FROM `source`
),
`filled` AS (
  SELECT `__line`,
    `__c0`,
    `__c2`,
    `__c3`,
    `__c4`,
    `__c5`,
    COALESCE(MAX(CASE WHEN NOT (`__c1` RLIKE '^(?:[ \\t\\x{3000}]*)$') THEN `__c1` END) OVER (PARTITION BY `__block1`), `__c1`) AS `__c1`
  FROM `blocks`
),
`cells` AS (
  SELECT `__line`,
    trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c0`) AS `__label`,
    regexp_replace(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM translate(`__c1`, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '^(\\d{4})[\\t\\n\\x{000B}\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*年?度?$', '$1') AS `__year_text`,
    CASE WHEN (`__c2` RLIKE '^(?:[0-9]{1,30})$') THEN `__c2` ELSE translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c2`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') END AS `__text_communities`,
    CASE WHEN (`__c3` RLIKE '^(?:[0-9]{1,30})$') THEN `__c3` ELSE translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c3`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') END AS `__text_committee_members`,
    CASE WHEN (`__c4` RLIKE '^(?:[0-9]{1,30})$') THEN `__c4` ELSE translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c4`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') END AS `__text_service_centers`,
    CASE WHEN (`__c5` RLIKE '^(?:[0-9]{1,30})$') THEN `__c5` ELSE translate(trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM `__c5`), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') END AS `__text_urban_population`
  FROM `filled`
),
`texts` AS (
  SELECT `cells`.*,
    regexp_replace(replace(`__text_communities`, ',', ''), '^[+]', '') AS `__bare_communities`,
    regexp_replace(replace(`__text_committee_members`, ',', ''), '^[+]', '') AS `__bare_committee_members`,
    regexp_replace(replace(`__text_service_centers`, ',', ''), '^[+]', '') AS `__bare_service_centers`,
    regexp_replace(replace(`__text_urban_population`, ',', ''), '^[+]', '') AS `__bare_urban_population`
  FROM `cells`
),
`rows` AS (
  SELECT `__line`,
    `__label`,
    CASE WHEN `__year_text` = '' OR (`__year_text` RLIKE '^(?:\\d{4})$') THEN `__year_text` ELSE raise_error('not a year of four digits: ' || `__year_text`) END AS `__year`,
    CASE WHEN `__label` IS NULL OR `__label` = '' OR NOT (`__label` RLIKE '^[全合总小平tTsSnNcCaA#＃其]|[计均\\*＊:：\\)）\\]]$') THEN 'part' WHEN ((regexp_replace(lower(translate(`__label`, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[\\s_\\-]+', '') RLIKE '^(?:(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average))$') OR (trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM regexp_replace(regexp_replace(lower(translate(`__label`, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\\[][^)\\]]*[)\\]]', ' '), '[*:：、,.。]', ' ')) <> '' AND (trim(BOTH '\u0009\u000a\u000b\u000c\u000d                  　﻿' FROM regexp_replace(regexp_replace(lower(translate(`__label`, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\\[][^)\\]]*[)\\]]', ' '), '[*:：、,.。]', ' ')) RLIKE '^(?:(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|\\p{IsHan}{0,12}(合计|小计|总计|平均))([\\t\\n\\x{000B}\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|\\p{IsHan}{0,12}(合计|小计|总计|平均)))*)$'))) THEN 'total' WHEN (translate(`__label`, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') LIKE '#%' OR `__label` LIKE '其中%') THEN 'of-which' ELSE 'part' END AS `__role`,
    CASE WHEN (`__text_communities` RLIKE '^(?:[0-9]{1,30})$') THEN CAST(`__text_communities` AS DECIMAL(38,0)) * CAST(10000 AS DECIMAL(38,0)) WHEN `__text_communities` IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT (`__text_communities` RLIKE '^(?:[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?)$') THEN raise_error('社区数（个）: not a number: ' || `__text_communities`) WHEN length(split_part(`__bare_communities`, '.', 2)) > 4 THEN raise_error('社区数（个）: more than 4 decimal places (see --scale): ' || `__text_communities`) WHEN `__bare_communities` LIKE '-%' AND (`__bare_communities` RLIKE '^(?:-[0.]*)$') = false THEN raise_error('社区数（个）: a count cannot be negative: ' || `__text_communities`) WHEN NOT (substr(split_part(`__bare_communities`, '.', 1) || rpad(split_part(`__bare_communities`, '.', 2), 4, '0'), length(split_part(`__bare_communities`, '.', 1) || rpad(split_part(`__bare_communities`, '.', 2), 4, '0')) - 3) RLIKE '^(?:0{4})$') THEN raise_error('社区数（个）: not a whole number once the unit is applied: ' || `__text_communities`) ELSE CAST(split_part(`__bare_communities`, '.', 1) || rpad(split_part(`__bare_communities`, '.', 2), 4, '0') AS DECIMAL(38,0)) END AS `communities`,
    CASE WHEN (`__text_committee_members` RLIKE '^(?:[0-9]{1,30})$') THEN CAST(`__text_committee_members` AS DECIMAL(38,0)) * CAST(10000 AS DECIMAL(38,0)) WHEN `__text_committee_members` IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT (`__text_committee_members` RLIKE '^(?:[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?)$') THEN raise_error('居委会成员数（人）: not a number: ' || `__text_committee_members`) WHEN length(split_part(`__bare_committee_members`, '.', 2)) > 4 THEN raise_error('居委会成员数（人）: more than 4 decimal places (see --scale): ' || `__text_committee_members`) WHEN `__bare_committee_members` LIKE '-%' AND (`__bare_committee_members` RLIKE '^(?:-[0.]*)$') = false THEN raise_error('居委会成员数（人）: a count cannot be negative: ' || `__text_committee_members`) WHEN NOT (substr(split_part(`__bare_committee_members`, '.', 1) || rpad(split_part(`__bare_committee_members`, '.', 2), 4, '0'), length(split_part(`__bare_committee_members`, '.', 1) || rpad(split_part(`__bare_committee_members`, '.', 2), 4, '0')) - 3) RLIKE '^(?:0{4})$') THEN raise_error('居委会成员数（人）: not a whole number once the unit is applied: ' || `__text_committee_members`) ELSE CAST(split_part(`__bare_committee_members`, '.', 1) || rpad(split_part(`__bare_committee_members`, '.', 2), 4, '0') AS DECIMAL(38,0)) END AS `committee_members`,
    CASE WHEN (`__text_service_centers` RLIKE '^(?:[0-9]{1,30})$') THEN CAST(`__text_service_centers` AS DECIMAL(38,0)) * CAST(10000 AS DECIMAL(38,0)) WHEN `__text_service_centers` IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT (`__text_service_centers` RLIKE '^(?:[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?)$') THEN raise_error('社区服务中心数（个）: not a number: ' || `__text_service_centers`) WHEN length(split_part(`__bare_service_centers`, '.', 2)) > 4 THEN raise_error('社区服务中心数（个）: more than 4 decimal places (see --scale): ' || `__text_service_centers`) WHEN `__bare_service_centers` LIKE '-%' AND (`__bare_service_centers` RLIKE '^(?:-[0.]*)$') = false THEN raise_error('社区服务中心数（个）: a count cannot be negative: ' || `__text_service_centers`) WHEN NOT (substr(split_part(`__bare_service_centers`, '.', 1) || rpad(split_part(`__bare_service_centers`, '.', 2), 4, '0'), length(split_part(`__bare_service_centers`, '.', 1) || rpad(split_part(`__bare_service_centers`, '.', 2), 4, '0')) - 3) RLIKE '^(?:0{4})$') THEN raise_error('社区服务中心数（个）: not a whole number once the unit is applied: ' || `__text_service_centers`) ELSE CAST(split_part(`__bare_service_centers`, '.', 1) || rpad(split_part(`__bare_service_centers`, '.', 2), 4, '0') AS DECIMAL(38,0)) END AS `service_centers`,
    CASE WHEN (`__text_urban_population` RLIKE '^(?:[0-9]{1,30})$') THEN CAST(`__text_urban_population` AS DECIMAL(38,0)) * CAST(100000000 AS DECIMAL(38,0)) WHEN `__text_urban_population` IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT (`__text_urban_population` RLIKE '^(?:[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?)$') THEN raise_error('城镇人口（万人）: not a number: ' || `__text_urban_population`) WHEN length(split_part(`__bare_urban_population`, '.', 2)) > 8 THEN raise_error('城镇人口（万人）: more than 8 decimal places (see --scale): ' || `__text_urban_population`) WHEN `__bare_urban_population` LIKE '-%' AND (`__bare_urban_population` RLIKE '^(?:-[0.]*)$') = false THEN raise_error('城镇人口（万人）: a count cannot be negative: ' || `__text_urban_population`) WHEN NOT (substr(split_part(`__bare_urban_population`, '.', 1) || rpad(split_part(`__bare_urban_population`, '.', 2), 8, '0'), length(split_part(`__bare_urban_population`, '.', 1) || rpad(split_part(`__bare_urban_population`, '.', 2), 8, '0')) - 3) RLIKE '^(?:0{4})$') THEN raise_error('城镇人口（万人）: not a whole number once the unit is applied: ' || `__text_urban_population`) ELSE CAST(split_part(`__bare_urban_population`, '.', 1) || rpad(split_part(`__bare_urban_population`, '.', 2), 8, '0') AS DECIMAL(38,0)) END AS `urban_population`
  FROM `texts`
),
`parts` AS (
  SELECT `rows`.*, `__year` AS `__g0`, CASE WHEN `regions`.`region` IS NULL THEN raise_error('not a province, so its region is unknown: ' || `__label`) ELSE `regions`.`region` END AS `__g1`
  FROM `rows` LEFT JOIN `regions` ON `regions`.`spelling` = regexp_replace(lower(regexp_replace(translate(`__label`, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ '), '[\\t\\n\\x{000B}\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+', '')), '^(.+?)(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市)$', '$1')
  WHERE `__role` = 'part'
),
`ranked` AS (
  SELECT `parts`.*, min(`__line`) OVER (PARTITION BY `__g0`) AS `__f0`, min(`__line`) OVER (PARTITION BY `__g1`) AS `__f1`
  FROM `parts`
),
`units` AS (
  SELECT `__g0` AS `year`, `__g1` AS `group`, COUNT(*) AS `units`, CASE WHEN COUNT(`communities`) = COUNT(*) THEN SUM(`communities`) END AS `communities`, CASE WHEN COUNT(`committee_members`) = COUNT(*) THEN SUM(`committee_members`) END AS `committee_members`, CASE WHEN COUNT(`service_centers`) = COUNT(*) THEN SUM(`service_centers`) END AS `service_centers`, CASE WHEN COUNT(`urban_population`) = COUNT(*) THEN SUM(`urban_population`) END AS `urban_population`, CASE WHEN (COALESCE(`__g0`, '') RLIKE '^(?:\\d+)$') THEN CAST(`__g0` AS BIGINT) ELSE 9007199254740991 END AS `__oy`, 0 AS `__ot`, min(CASE WHEN (COALESCE(`__g0`, '') RLIKE '^(?:\\d+)$') THEN CAST(`__g0` AS BIGINT) ELSE 9007199254740991 END) AS `__r0`, min(CASE `__g1` WHEN '东部' THEN 0 WHEN '中部' THEN 1 WHEN '西部' THEN 2 WHEN '东北' THEN 3 ELSE 9 END) AS `__r1`, min(`__line`) AS `__rl`
  FROM `ranked`
  GROUP BY `__g0`, `__g1`
  UNION ALL
  SELECT `__year` AS `year`, 'total' AS `group`, COUNT(CASE WHEN `__role` = 'part' THEN 1 END) AS `units`, CASE WHEN COUNT(CASE WHEN `__role` = 'part' THEN `communities` END) = COUNT(CASE WHEN `__role` = 'part' THEN 1 END) THEN SUM(CASE WHEN `__role` = 'part' THEN `communities` END) END AS `communities`, CASE WHEN COUNT(CASE WHEN `__role` = 'part' THEN `committee_members` END) = COUNT(CASE WHEN `__role` = 'part' THEN 1 END) THEN SUM(CASE WHEN `__role` = 'part' THEN `committee_members` END) END AS `committee_members`, CASE WHEN COUNT(CASE WHEN `__role` = 'part' THEN `service_centers` END) = COUNT(CASE WHEN `__role` = 'part' THEN 1 END) THEN SUM(CASE WHEN `__role` = 'part' THEN `service_centers` END) END AS `service_centers`, CASE WHEN COUNT(CASE WHEN `__role` = 'part' THEN `urban_population` END) = COUNT(CASE WHEN `__role` = 'part' THEN 1 END) THEN SUM(CASE WHEN `__role` = 'part' THEN `urban_population` END) END AS `urban_population`, CASE WHEN (COALESCE(`__year`, '') RLIKE '^(?:\\d+)$') THEN CAST(`__year` AS BIGINT) ELSE 9007199254740991 END AS `__oy`, CASE WHEN COUNT(CASE WHEN `__role` = 'part' THEN 1 END) = 0 THEN raise_error('--totals: no unit rows to add up, only national/total or "of which" rows, in the year ' || COALESCE(`__year`, '')) ELSE 1 END AS `__ot`, 0 AS `__r0`, 0 AS `__r1`, 0 AS `__rl`
  FROM `rows`
  GROUP BY `__year`
  HAVING COUNT(CASE WHEN `__role` = 'part' THEN 1 END) > 0 OR (SELECT COUNT(*) FROM `rows` WHERE `__role` = 'part') = 0
)
SELECT `year`,
  `group`,
  `units`,
  CASE WHEN `communities` IS NULL THEN NULL ELSE (CASE WHEN `communities` < 0 THEN '-' ELSE '' END) || CAST((abs(`communities`) div CAST(10000 AS DECIMAL(38,0))) AS STRING) || CASE WHEN (abs(`communities`) - (abs(`communities`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs(`communities`) - (abs(`communities`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) AS STRING), 4, '0'), '0') END END AS `communities`,
  CASE WHEN `urban_population` IS NULL THEN NULL ELSE (CASE WHEN `urban_population` < 0 THEN '-' ELSE '' END) || CAST((abs(`urban_population`) div CAST(10000 AS DECIMAL(38,0))) AS STRING) || CASE WHEN (abs(`urban_population`) - (abs(`urban_population`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs(`urban_population`) - (abs(`urban_population`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) AS STRING), 4, '0'), '0') END END AS `urban_population`,
  CASE WHEN `committee_members` IS NULL THEN NULL ELSE (CASE WHEN `committee_members` < 0 THEN '-' ELSE '' END) || CAST((abs(`committee_members`) div CAST(10000 AS DECIMAL(38,0))) AS STRING) || CASE WHEN (abs(`committee_members`) - (abs(`committee_members`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs(`committee_members`) - (abs(`committee_members`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) AS STRING), 4, '0'), '0') END END AS `committee_members`,
  CASE WHEN `service_centers` IS NULL THEN NULL ELSE (CASE WHEN `service_centers` < 0 THEN '-' ELSE '' END) || CAST((abs(`service_centers`) div CAST(10000 AS DECIMAL(38,0))) AS STRING) || CASE WHEN (abs(`service_centers`) - (abs(`service_centers`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs(`service_centers`) - (abs(`service_centers`) div CAST(10000 AS DECIMAL(38,0))) * CAST(10000 AS DECIMAL(38,0))) AS STRING), 4, '0'), '0') END END AS `service_centers`,
  CASE WHEN `__q0` IS NULL THEN NULL ELSE CASE WHEN ((`__n0` < 0) <> (`__d0` < 0)) AND (`__q0` + CASE WHEN 2 * (abs(`__n0`) - `__q0` * abs(`__d0`)) >= abs(`__d0`) THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST((`__q0` + CASE WHEN 2 * (abs(`__n0`) - `__q0` * abs(`__d0`)) >= abs(`__d0`) THEN 1 ELSE 0 END) AS STRING) END AS `population_per_community`,
  CASE WHEN `__q1` IS NULL THEN NULL ELSE CASE WHEN ((`__n1` < 0) <> (`__d1` < 0)) AND (`__q1` + CASE WHEN 2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) >= abs(`__d1`) THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST(((`__q1` + CASE WHEN 2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) >= abs(`__d1`) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) AS STRING) || '.' || lpad(CAST(((`__q1` + CASE WHEN 2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) >= abs(`__d1`) THEN 1 ELSE 0 END) - ((`__q1` + CASE WHEN 2 * (abs(`__n1`) - `__q1` * abs(`__d1`)) >= abs(`__d1`) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) * CAST(100 AS DECIMAL(38,0))) AS STRING), 2, '0') END AS `committee_members_per_community`,
  CASE WHEN `__q2` IS NULL THEN NULL ELSE CASE WHEN ((`__n2` < 0) <> (`__d2` < 0)) AND (`__q2` + CASE WHEN 2 * (abs(`__n2`) - `__q2` * abs(`__d2`)) >= abs(`__d2`) THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST(((`__q2` + CASE WHEN 2 * (abs(`__n2`) - `__q2` * abs(`__d2`)) >= abs(`__d2`) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) AS STRING) || '.' || lpad(CAST(((`__q2` + CASE WHEN 2 * (abs(`__n2`) - `__q2` * abs(`__d2`)) >= abs(`__d2`) THEN 1 ELSE 0 END) - ((`__q2` + CASE WHEN 2 * (abs(`__n2`) - `__q2` * abs(`__d2`)) >= abs(`__d2`) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) * CAST(100 AS DECIMAL(38,0))) AS STRING), 2, '0') END AS `centers_per_community`,
  CASE WHEN `__q3` IS NULL THEN NULL ELSE CASE WHEN ((`__n3` < 0) <> (`__d3` < 0)) AND (`__q3` + CASE WHEN 2 * (abs(`__n3`) - `__q3` * abs(`__d3`)) >= abs(`__d3`) THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST(((`__q3` + CASE WHEN 2 * (abs(`__n3`) - `__q3` * abs(`__d3`)) >= abs(`__d3`) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) AS STRING) || '.' || lpad(CAST(((`__q3` + CASE WHEN 2 * (abs(`__n3`) - `__q3` * abs(`__d3`)) >= abs(`__d3`) THEN 1 ELSE 0 END) - ((`__q3` + CASE WHEN 2 * (abs(`__n3`) - `__q3` * abs(`__d3`)) >= abs(`__d3`) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) * CAST(100 AS DECIMAL(38,0))) AS STRING), 2, '0') END AS `communities_per_center`,
  CASE WHEN `__q4` IS NULL THEN NULL ELSE CASE WHEN ((`__n4` < 0) <> (`__d4` < 0)) AND (`__q4` + CASE WHEN 2 * (abs(`__n4`) - `__q4` * abs(`__d4`)) >= abs(`__d4`) THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST(((`__q4` + CASE WHEN 2 * (abs(`__n4`) - `__q4` * abs(`__d4`)) >= abs(`__d4`) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) AS STRING) || '.' || lpad(CAST(((`__q4` + CASE WHEN 2 * (abs(`__n4`) - `__q4` * abs(`__d4`)) >= abs(`__d4`) THEN 1 ELSE 0 END) - ((`__q4` + CASE WHEN 2 * (abs(`__n4`) - `__q4` * abs(`__d4`)) >= abs(`__d4`) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) * CAST(100 AS DECIMAL(38,0))) AS STRING), 2, '0') END AS `centers_per_10k_residents`,
  CASE WHEN `__q5` IS NULL THEN NULL ELSE CASE WHEN ((`__n5` < 0) <> (`__d5` < 0)) AND (`__q5` + CASE WHEN 2 * (abs(`__n5`) - `__q5` * abs(`__d5`)) >= abs(`__d5`) THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST(((`__q5` + CASE WHEN 2 * (abs(`__n5`) - `__q5` * abs(`__d5`)) >= abs(`__d5`) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) AS STRING) || '.' || lpad(CAST(((`__q5` + CASE WHEN 2 * (abs(`__n5`) - `__q5` * abs(`__d5`)) >= abs(`__d5`) THEN 1 ELSE 0 END) - ((`__q5` + CASE WHEN 2 * (abs(`__n5`) - `__q5` * abs(`__d5`)) >= abs(`__d5`) THEN 1 ELSE 0 END) div CAST(100 AS DECIMAL(38,0))) * CAST(100 AS DECIMAL(38,0))) AS STRING), 2, '0') END AS `residents_per_center_10k`,
  CASE WHEN `__q6` IS NULL THEN NULL ELSE CASE WHEN ((`__n6` < 0) <> (`__d6` < 0)) AND (`__q6` + CASE WHEN 2 * (abs(`__n6`) - `__q6` * abs(`__d6`)) >= abs(`__d6`) THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST((`__q6` + CASE WHEN 2 * (abs(`__n6`) - `__q6` * abs(`__d6`)) >= abs(`__d6`) THEN 1 ELSE 0 END) AS STRING) END AS `residents_per_committee_member`
FROM (
  SELECT *, (abs(`__n0`) div abs(`__d0`)) AS `__q0`, (abs(`__n1`) div abs(`__d1`)) AS `__q1`, (abs(`__n2`) div abs(`__d2`)) AS `__q2`, (abs(`__n3`) div abs(`__d3`)) AS `__q3`, (abs(`__n4`) div abs(`__d4`)) AS `__q4`, (abs(`__n5`) div abs(`__d5`)) AS `__q5`, (abs(`__n6`) div abs(`__d6`)) AS `__q6`
  FROM (
    SELECT *, `urban_population` AS `__n0`,
      CASE WHEN `communities` = 0 THEN NULL ELSE `communities` END AS `__d0`,
      (`committee_members` * CAST(100 AS DECIMAL(38,0))) AS `__n1`,
      CASE WHEN `communities` = 0 THEN NULL ELSE `communities` END AS `__d1`,
      (`service_centers` * CAST(100 AS DECIMAL(38,0))) AS `__n2`,
      CASE WHEN `communities` = 0 THEN NULL ELSE `communities` END AS `__d2`,
      (`communities` * CAST(100 AS DECIMAL(38,0))) AS `__n3`,
      CASE WHEN `service_centers` = 0 THEN NULL ELSE `service_centers` END AS `__d3`,
      ((`service_centers` * CAST(10000 AS DECIMAL(38,0))) * CAST(100 AS DECIMAL(38,0))) AS `__n4`,
      CASE WHEN `urban_population` = 0 THEN NULL ELSE `urban_population` END AS `__d4`,
      `urban_population` AS `__n5`,
      CASE WHEN `service_centers` = 0 THEN NULL ELSE (`service_centers` * CAST(100 AS DECIMAL(38,0))) END AS `__d5`,
      `urban_population` AS `__n6`,
      CASE WHEN `committee_members` = 0 THEN NULL ELSE `committee_members` END AS `__d6`
    FROM `units`
  ) `fractions`
) `quotients`
ORDER BY `__oy`, `__ot`, `__r0`, `__r1`, `__rl`;
