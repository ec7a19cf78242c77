#!/bin/sh
# Makes fixtures/xlsx/*.xlsx with LibreOffice (not with exceljs, which the reader under test uses), from flat
# ODS files written here by hand: merges are authored with table:number-columns-spanned / -rows-spanned, the
# way a yearbook sheet merges its title, its parent headers and its province labels.
# Needs soffice (Debian: apt-get install libreoffice-calc-nogui). The tests read the committed .xlsx files.
set -eu
out="$(cd "$(dirname "$0")/.." && pwd)/fixtures/xlsx"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

head='<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>
  <number:date-style style:name="D1"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
  <style:style style:name="dec2" style:family="table-cell" style:data-style-name="N2"/>
  <style:style style:name="date" style:family="table-cell" style:data-style-name="D1"/>
  <style:style style:name="bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet>'
tail=' </office:spreadsheet></office:body>
</office:document>'

s() { printf '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' "$1"; }
n() { printf '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' "$1" "$1"; }
# a rounded ratio as a formula, with its cached result
r() { printf '<table:table-cell table:style-name="dec2" table:formula="of:=ROUND([.%s]/[.%s];2)" office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' "$1" "$2" "$3" "$3"; }
e() { printf '<table:table-cell/>'; }
row() { printf '<table:table-row>%s</table:table-row>\n' "$1"; }
prov() { # name communities members centres population(万人) ratio line
  row "$(s "$1")$(n "$2")$(n "$3")$(n "$4")$(r "D$7" "F$7" "$6")$(n "$5")"
}

# yearbook-2008: title merged over the 6 columns, a blank row, a two-row header (地区 merged down over both
# header rows; 社区 and 社区服务中心 merged across their two child columns; 城镇人口 over a bare unit), a
# national row, province rows, a missing value (…), footnotes merged across the width.
{
  printf '%s\n' "$head"
  printf '<table:table table:name="表4-2"><table:table-column table:number-columns-repeated="6"/>\n'
  row "<table:table-cell office:value-type=\"string\" table:number-columns-spanned=\"6\"><text:p>表4-2 各地区城市社区服务情况（2008年）</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated=\"5\"/>"
  row "$(e)$(e)$(e)$(e)$(e)$(e)"
  row "<table:table-cell office:value-type=\"string\" table:number-rows-spanned=\"2\"><text:p>地区</text:p></table:table-cell><table:table-cell office:value-type=\"string\" table:number-columns-spanned=\"2\"><text:p>社区</text:p></table:table-cell><table:covered-table-cell/><table:table-cell office:value-type=\"string\" table:number-columns-spanned=\"2\"><text:p>社区服务中心</text:p></table:table-cell><table:covered-table-cell/>$(s 城镇人口)"
  row "<table:covered-table-cell/>$(s 社区数（个）)$(s 居委会成员数（人）)$(s 个数)$(s 每万城镇人口拥有数（个）)$(s （万人）)"
  prov 全国 130378 749806 9332 98065 0.1 5
  prov 北京市 705 4090 39 691 0.06 6
  prov 天津市 1089 5823 120 760 0.16 7
  prov 河北省 3721 21340 233 2928 0.08 8
  prov 上海市 3636 26980 210 1773 0.12 9
  prov 广东省 7360 43051 611 5260 0.12 10
  row "$(s 西藏自治区)$(s …)$(n 1020)$(s …)$(s …)$(n 80.5)"
  row "<table:table-cell office:value-type=\"string\" table:number-columns-spanned=\"6\"><text:p>注：本表数据不含香港、澳门特别行政区和台湾省。</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated=\"5\"/>"
  row "<table:table-cell office:value-type=\"string\" table:number-columns-spanned=\"6\"><text:p>资料来源：svc-stats 测试数据（仿《中国民政统计年鉴》版式）。</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated=\"5\"/>"
  printf '</table:table>\n%s\n' "$tail"
} > "$work/yearbook-2008.fods"

# cities-merged-province: a 省份 label merged down over its 地市 rows, rich text, a date, a large count, and
# a second sheet (说明) to select by name.
{
  printf '%s\n' "$head"
  printf '<table:table table:name="地市"><table:table-column table:number-columns-repeated="5"/>\n'
  row "$(s 省份)$(s 地市)$(s 社区数（个）)$(s 城镇人口（人）)$(s 统计日期)"
  d='<table:table-cell table:style-name="date" office:value-type="date" office:date-value="2008-12-31"><text:p>2008-12-31</text:p></table:table-cell>'
  row "<table:table-cell office:value-type=\"string\" table:number-rows-spanned=\"3\"><text:p>广东省</text:p></table:table-cell>$(s 广州市)$(n 1423)$(n 606670000)$d"
  row "<table:covered-table-cell/><table:table-cell office:value-type=\"string\"><text:p>深圳<text:span text:style-name=\"bold\">市</text:span></text:p></table:table-cell>$(n 0.1)$(n 8912345)$d"
  row "<table:covered-table-cell/>$(s 珠海市)$(n 297)$(n 1234567)$(e)"
  row "<table:table-cell office:value-type=\"string\" table:number-rows-spanned=\"2\"><text:p>浙江省</text:p></table:table-cell>$(s 杭州市)$(n 1056)$(n 4567890)$d"
  row "<table:covered-table-cell/>$(s 宁波市)$(n 612)$(n 2345678)$d"
  row "$(e)$(e)$(e)$(e)$(e)"
  row "$(s '注：0.1 与 606670000 为测试读数用的值，不是年鉴数字。')$(e)$(e)$(e)$(e)"
  printf '</table:table>\n'
  printf '<table:table table:name="说明"><table:table-column/>\n'
  row "$(s 测试用工作表：第二张表，按名称选择。)"
  printf '</table:table>\n%s\n' "$tail"
} > "$work/cities-merged-province.fods"

for name in yearbook-2008 cities-merged-province; do
  soffice --headless --norestore -env:UserInstallation="file://$work/profile" \
    --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$work" "$work/$name.fods" >/dev/null
  cp "$work/$name.xlsx" "$out/$name.xlsx"
  # the CSV that LibreOffice itself exports, for comparing by hand with readXlsxRecords
  soffice --headless --norestore -env:UserInstallation="file://$work/profile" \
    --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76 --outdir "$work" "$work/$name.fods" >/dev/null
  cp "$work/$name.csv" "$out/$name.libreoffice.csv"
done
echo "wrote $out"
