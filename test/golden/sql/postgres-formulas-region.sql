WITH
"regions" ("spelling", "region") AS (VALUES
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
    ('辽宁', '东北'),
    ('liaoning', '东北'),
    ('liaoningprovince', '东北'),
    ('liaoningcity', '东北'),
    ('liaoningautonomousregion', '东北'),
    ('吉林', '东北'),
    ('jilin', '东北'),
    ('jilinprovince', '东北'),
    ('jilincity', '东北'),
    ('jilinautonomousregion', '东北'),
    ('黑龙江', '东北'),
    ('heilongjiang', '东北'),
    ('heilongjiangprovince', '东北'),
    ('heilongjiangcity', '东北'),
    ('heilongjiangautonomousregion', '东北'),
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
"source" AS (
  SELECT row_number() OVER () AS "__line",
    COALESCE(CAST("地区" AS VARCHAR), '') AS "__c0",
    COALESCE(CAST("社区数（个）" AS VARCHAR), '') AS "__c1",
    COALESCE(CAST("居委会成员数（人）" AS VARCHAR), '') AS "__c3",
    COALESCE(CAST("社区服务中心数（个）" AS VARCHAR), '') AS "__c4",
    COALESCE(CAST("一般社区服务设施（个）" AS VARCHAR), '') AS "__c5"
  FROM public."half way"
),
"cells" AS (
  SELECT "__line",
    trim(BOTH '	
                  　﻿' FROM "__c0") AS "__label",
    NULL AS "__year_text",
    CASE WHEN ("__c1" ~ '^(?:[0-9]{1,30})$') THEN "__c1" ELSE translate(trim(BOTH '	
                  　﻿' FROM "__c1"), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') END AS "__text_communities",
    CASE WHEN ("__c3" ~ '^(?:[0-9]{1,30})$') THEN "__c3" ELSE translate(trim(BOTH '	
                  　﻿' FROM "__c3"), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') END AS "__text_committee_members",
    CASE WHEN ("__c4" ~ '^(?:[0-9]{1,30})$') THEN "__c4" ELSE translate(trim(BOTH '	
                  　﻿' FROM "__c4"), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') END AS "__text_service_centers",
    CASE WHEN ("__c5" ~ '^(?:[0-9]{1,30})$') THEN "__c5" ELSE translate(trim(BOTH '	
                  　﻿' FROM "__c5"), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') END AS "__text_service_facilities"
  FROM "source"
),
"texts" AS (
  SELECT "cells".*,
    regexp_replace(replace("__text_communities", ',', ''), '^[+]', '') AS "__bare_communities",
    regexp_replace(replace("__text_committee_members", ',', ''), '^[+]', '') AS "__bare_committee_members",
    regexp_replace(replace("__text_service_centers", ',', ''), '^[+]', '') AS "__bare_service_centers",
    regexp_replace(replace("__text_service_facilities", ',', ''), '^[+]', '') AS "__bare_service_facilities"
  FROM "cells"
),
"rows" AS (
  SELECT "__line",
    "__label",
    CASE WHEN "__year_text" = '' OR ("__year_text" ~ '^(?:\d{4})$') THEN "__year_text" ELSE CAST(CAST('not a year of four digits: ' || "__year_text" AS INTEGER) AS VARCHAR) END AS "__year",
    CASE WHEN "__label" IS NULL OR "__label" = '' OR NOT ("__label" ~ '^[全合总小平tTsSnNcCaA#＃其]|[计均\*＊:：\)）\]]$') THEN 'part' WHEN ((regexp_replace(lower(translate("__label", '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[\s_\-]+', '', 'g') ~ '^(?:(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average))$') OR (trim(BOTH '	
                  　﻿' FROM regexp_replace(regexp_replace(lower(translate("__label", '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\[][^)\]]*[)\]]', ' ', 'g'), '[*:：、,.。]', ' ', 'g')) <> '' AND (trim(BOTH '	
                  　﻿' FROM regexp_replace(regexp_replace(lower(translate("__label", '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')), '[(\[][^)\]]*[)\]]', ' ', 'g'), '[*:：、,.。]', ' ', 'g')) ~ '^(?:(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]{0,12}(合计|小计|总计|平均))([\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+(全国|合计|总计|小计|全国合计|全国总计|总数|全省|全市|全区|全县|平均|全国平均|total|subtotal|national|china|all|average|[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]{0,12}(合计|小计|总计|平均)))*)$'))) THEN 'total' WHEN (translate("__label", '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ') LIKE '#%' OR "__label" LIKE '其中%') THEN 'of-which' ELSE 'part' END AS "__role",
    CASE WHEN ("__text_communities" ~ '^(?:[0-9]{1,30})$') THEN CAST("__text_communities" AS NUMERIC) * CAST(10000 AS NUMERIC) WHEN "__text_communities" IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT ("__text_communities" ~ '^(?:[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)$') THEN CAST(CAST('社区数（个）: not a number: ' || "__text_communities" AS INTEGER) AS NUMERIC) WHEN length(split_part("__bare_communities", '.', 2)) > 4 THEN CAST(CAST('社区数（个）: more than 4 decimal places (see --scale): ' || "__text_communities" AS INTEGER) AS NUMERIC) WHEN "__bare_communities" LIKE '-%' AND ("__bare_communities" ~ '^(?:-[0.]*)$') = false THEN CAST(CAST('社区数（个）: a count cannot be negative: ' || "__text_communities" AS INTEGER) AS NUMERIC) WHEN NOT (substr(split_part("__bare_communities", '.', 1) || rpad(split_part("__bare_communities", '.', 2), 4, '0'), length(split_part("__bare_communities", '.', 1) || rpad(split_part("__bare_communities", '.', 2), 4, '0')) - 3) ~ '^(?:0{4})$') THEN CAST(CAST('社区数（个）: not a whole number once the unit is applied: ' || "__text_communities" AS INTEGER) AS NUMERIC) ELSE CAST(split_part("__bare_communities", '.', 1) || rpad(split_part("__bare_communities", '.', 2), 4, '0') AS NUMERIC) END AS "communities",
    CASE WHEN ("__text_committee_members" ~ '^(?:[0-9]{1,30})$') THEN CAST("__text_committee_members" AS NUMERIC) * CAST(10000 AS NUMERIC) WHEN "__text_committee_members" IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT ("__text_committee_members" ~ '^(?:[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)$') THEN CAST(CAST('居委会成员数（人）: not a number: ' || "__text_committee_members" AS INTEGER) AS NUMERIC) WHEN length(split_part("__bare_committee_members", '.', 2)) > 4 THEN CAST(CAST('居委会成员数（人）: more than 4 decimal places (see --scale): ' || "__text_committee_members" AS INTEGER) AS NUMERIC) WHEN "__bare_committee_members" LIKE '-%' AND ("__bare_committee_members" ~ '^(?:-[0.]*)$') = false THEN CAST(CAST('居委会成员数（人）: a count cannot be negative: ' || "__text_committee_members" AS INTEGER) AS NUMERIC) WHEN NOT (substr(split_part("__bare_committee_members", '.', 1) || rpad(split_part("__bare_committee_members", '.', 2), 4, '0'), length(split_part("__bare_committee_members", '.', 1) || rpad(split_part("__bare_committee_members", '.', 2), 4, '0')) - 3) ~ '^(?:0{4})$') THEN CAST(CAST('居委会成员数（人）: not a whole number once the unit is applied: ' || "__text_committee_members" AS INTEGER) AS NUMERIC) ELSE CAST(split_part("__bare_committee_members", '.', 1) || rpad(split_part("__bare_committee_members", '.', 2), 4, '0') AS NUMERIC) END AS "committee_members",
    CASE WHEN ("__text_service_centers" ~ '^(?:[0-9]{1,30})$') THEN CAST("__text_service_centers" AS NUMERIC) * CAST(10000 AS NUMERIC) WHEN "__text_service_centers" IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT ("__text_service_centers" ~ '^(?:[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)$') THEN CAST(CAST('社区服务中心数（个）: not a number: ' || "__text_service_centers" AS INTEGER) AS NUMERIC) WHEN length(split_part("__bare_service_centers", '.', 2)) > 4 THEN CAST(CAST('社区服务中心数（个）: more than 4 decimal places (see --scale): ' || "__text_service_centers" AS INTEGER) AS NUMERIC) WHEN "__bare_service_centers" LIKE '-%' AND ("__bare_service_centers" ~ '^(?:-[0.]*)$') = false THEN CAST(CAST('社区服务中心数（个）: a count cannot be negative: ' || "__text_service_centers" AS INTEGER) AS NUMERIC) WHEN NOT (substr(split_part("__bare_service_centers", '.', 1) || rpad(split_part("__bare_service_centers", '.', 2), 4, '0'), length(split_part("__bare_service_centers", '.', 1) || rpad(split_part("__bare_service_centers", '.', 2), 4, '0')) - 3) ~ '^(?:0{4})$') THEN CAST(CAST('社区服务中心数（个）: not a whole number once the unit is applied: ' || "__text_service_centers" AS INTEGER) AS NUMERIC) ELSE CAST(split_part("__bare_service_centers", '.', 1) || rpad(split_part("__bare_service_centers", '.', 2), 4, '0') AS NUMERIC) END AS "service_centers",
    CASE WHEN ("__text_service_facilities" ~ '^(?:[0-9]{1,30})$') THEN CAST("__text_service_facilities" AS NUMERIC) * CAST(10000 AS NUMERIC) WHEN "__text_service_facilities" IN ('', '…', '……', '...', '—', '——', '-', '－', '–') THEN NULL WHEN NOT ("__text_service_facilities" ~ '^(?:[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)$') THEN CAST(CAST('一般社区服务设施（个）: not a number: ' || "__text_service_facilities" AS INTEGER) AS NUMERIC) WHEN length(split_part("__bare_service_facilities", '.', 2)) > 4 THEN CAST(CAST('一般社区服务设施（个）: more than 4 decimal places (see --scale): ' || "__text_service_facilities" AS INTEGER) AS NUMERIC) WHEN "__bare_service_facilities" LIKE '-%' AND ("__bare_service_facilities" ~ '^(?:-[0.]*)$') = false THEN CAST(CAST('一般社区服务设施（个）: a count cannot be negative: ' || "__text_service_facilities" AS INTEGER) AS NUMERIC) WHEN NOT (substr(split_part("__bare_service_facilities", '.', 1) || rpad(split_part("__bare_service_facilities", '.', 2), 4, '0'), length(split_part("__bare_service_facilities", '.', 1) || rpad(split_part("__bare_service_facilities", '.', 2), 4, '0')) - 3) ~ '^(?:0{4})$') THEN CAST(CAST('一般社区服务设施（个）: not a whole number once the unit is applied: ' || "__text_service_facilities" AS INTEGER) AS NUMERIC) ELSE CAST(split_part("__bare_service_facilities", '.', 1) || rpad(split_part("__bare_service_facilities", '.', 2), 4, '0') AS NUMERIC) END AS "service_facilities"
  FROM "texts"
),
"parts" AS (
  SELECT "rows".*, CASE WHEN "regions"."region" IS NULL THEN CAST(CAST('not a province, so its region is unknown: ' || "__label" AS INTEGER) AS VARCHAR) ELSE "regions"."region" END AS "__g0"
  FROM "rows" LEFT JOIN "regions" ON "regions"."spelling" = regexp_replace(lower(regexp_replace(translate("__label", '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ '), '[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', '', 'g')), '^(.+?)(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市)$', '\1', 'g')
  WHERE "__role" = 'part'
),
"ranked" AS (
  SELECT "parts".*, min("__line") OVER (PARTITION BY "__g0") AS "__f0"
  FROM "parts"
),
"units" AS (
  SELECT "__g0" AS "group", COUNT(*) AS "units", CASE WHEN COUNT("communities") = COUNT(*) THEN SUM("communities") END AS "communities", CASE WHEN COUNT("committee_members") = COUNT(*) THEN SUM("committee_members") END AS "committee_members", CASE WHEN COUNT("service_centers") = COUNT(*) THEN SUM("service_centers") END AS "service_centers", CASE WHEN COUNT("service_facilities") = COUNT(*) THEN SUM("service_facilities") END AS "service_facilities", 0 AS "__oy", 0 AS "__ot", min(CASE "__g0" WHEN '东部' THEN 0 WHEN '中部' THEN 1 WHEN '西部' THEN 2 WHEN '东北' THEN 3 ELSE 9 END) AS "__r0", min("__line") AS "__rl"
  FROM "ranked"
  GROUP BY "__g0"
)
SELECT "group",
  "units",
  CASE WHEN "communities" IS NULL THEN NULL ELSE (CASE WHEN "communities" < 0 THEN '-' ELSE '' END) || CAST(div(abs("communities"), CAST(10000 AS NUMERIC)) AS VARCHAR) || CASE WHEN (abs("communities") - div(abs("communities"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs("communities") - div(abs("communities"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) AS VARCHAR), 4, '0'), '0') END END AS "communities",
  CASE WHEN "committee_members" IS NULL THEN NULL ELSE (CASE WHEN "committee_members" < 0 THEN '-' ELSE '' END) || CAST(div(abs("committee_members"), CAST(10000 AS NUMERIC)) AS VARCHAR) || CASE WHEN (abs("committee_members") - div(abs("committee_members"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs("committee_members") - div(abs("committee_members"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) AS VARCHAR), 4, '0'), '0') END END AS "committee_members",
  CASE WHEN "service_centers" IS NULL THEN NULL ELSE (CASE WHEN "service_centers" < 0 THEN '-' ELSE '' END) || CAST(div(abs("service_centers"), CAST(10000 AS NUMERIC)) AS VARCHAR) || CASE WHEN (abs("service_centers") - div(abs("service_centers"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs("service_centers") - div(abs("service_centers"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) AS VARCHAR), 4, '0'), '0') END END AS "service_centers",
  CASE WHEN "service_facilities" IS NULL THEN NULL ELSE (CASE WHEN "service_facilities" < 0 THEN '-' ELSE '' END) || CAST(div(abs("service_facilities"), CAST(10000 AS NUMERIC)) AS VARCHAR) || CASE WHEN (abs("service_facilities") - div(abs("service_facilities"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) = 0 THEN '' ELSE '.' || rtrim(lpad(CAST((abs("service_facilities") - div(abs("service_facilities"), CAST(10000 AS NUMERIC)) * CAST(10000 AS NUMERIC)) AS VARCHAR), 4, '0'), '0') END END AS "service_facilities",
  CASE WHEN "__q0" IS NULL THEN NULL ELSE CASE WHEN (("__n0" < 0) <> ("__d0" < 0)) AND ("__q0" + CASE WHEN 2 * (abs("__n0") - "__q0" * abs("__d0")) >= abs("__d0") THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST(div(("__q0" + CASE WHEN 2 * (abs("__n0") - "__q0" * abs("__d0")) >= abs("__d0") THEN 1 ELSE 0 END), CAST(10 AS NUMERIC)) AS VARCHAR) || '.' || lpad(CAST((("__q0" + CASE WHEN 2 * (abs("__n0") - "__q0" * abs("__d0")) >= abs("__d0") THEN 1 ELSE 0 END) - div(("__q0" + CASE WHEN 2 * (abs("__n0") - "__q0" * abs("__d0")) >= abs("__d0") THEN 1 ELSE 0 END), CAST(10 AS NUMERIC)) * CAST(10 AS NUMERIC)) AS VARCHAR), 1, '0') END AS "places_per_100_communities",
  CASE WHEN "__q1" IS NULL THEN NULL ELSE CASE WHEN (("__n1" < 0) <> ("__d1" < 0)) AND ("__q1" + CASE WHEN 2 * (abs("__n1") - "__q1" * abs("__d1")) >= abs("__d1") THEN 1 ELSE 0 END) <> 0 THEN '-' ELSE '' END || CAST(div(("__q1" + CASE WHEN 2 * (abs("__n1") - "__q1" * abs("__d1")) >= abs("__d1") THEN 1 ELSE 0 END), CAST(100 AS NUMERIC)) AS VARCHAR) || '.' || lpad(CAST((("__q1" + CASE WHEN 2 * (abs("__n1") - "__q1" * abs("__d1")) >= abs("__d1") THEN 1 ELSE 0 END) - div(("__q1" + CASE WHEN 2 * (abs("__n1") - "__q1" * abs("__d1")) >= abs("__d1") THEN 1 ELSE 0 END), CAST(100 AS NUMERIC)) * CAST(100 AS NUMERIC)) AS VARCHAR), 2, '0') END AS "members_per_center_share"
FROM (
  SELECT *, div(abs("__n0"), abs("__d0")) AS "__q0", div(abs("__n1"), abs("__d1")) AS "__q1"
  FROM (
    SELECT *, ((("service_centers" + "service_facilities") * CAST(100 AS NUMERIC)) * CAST(10 AS NUMERIC)) AS "__n0",
      CASE WHEN "communities" = 0 THEN NULL ELSE "communities" END AS "__d0",
      ((("committee_members" * "communities") * CAST(5 AS NUMERIC)) - (CAST(125000 AS NUMERIC) * "service_centers")) AS "__n1",
      CASE WHEN "communities" = 0 OR "service_centers" = 0 THEN NULL ELSE ("service_centers" * CAST(1000 AS NUMERIC)) END AS "__d1"
    FROM "units"
  ) "fractions"
) "quotients"
ORDER BY "__oy", "__ot", "__r0", "__rl";
