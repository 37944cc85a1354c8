<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-css.xsl - the print style sheet (CSS) of the XHTML letters
  (letter-xhtml.xsl) and of the public notices (public-common.xsl): A4,
  margins, letterhead, headings, tables, signature and footer.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:template name="html-css">
    <xsl:text disable-output-escaping="yes">
@page {
	size: A4 portrait;
	/* the margins of the PDF letter too (pipeline/render/pdf_letter.c) */
	margin: 15mm 20mm 15mm 25mm;
	@bottom-center {
		content: "第 " counter(page) " 页 共 " counter(pages) " 页";
		font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
		font-size: 9pt;
		color: #555;
	}
}
html {
	background: #e8e8e8;
}
body {
	margin: 0;
	padding: 12mm 0;
	color: #000;
	font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
	font-size: 12pt;
	line-height: 1.8;
}
.sheet {
	box-sizing: border-box;
	width: 210mm;
	min-height: 297mm;
	margin: 0 auto;
	padding: 15mm 20mm 15mm 25mm;
	background: #fff;
	box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.25);
	display: flex;
	flex-direction: column;
}
.letter {
	flex: 1 0 auto;
}
.letterhead {
	text-align: center;
	border-bottom: 2px solid #a00;
	padding-bottom: 3mm;
	margin-bottom: 6mm;
}
.letterhead .society {
	font-size: 20pt;
	font-weight: bold;
	letter-spacing: 0.15em;
	color: #a00;
	line-height: 1.4;
}
.letterhead .society-en {
	font-size: 10.5pt;
	letter-spacing: 0.03em;
	color: #a00;
	line-height: 1.4;
}
h1 {
	font-size: 18pt;
	text-align: center;
	letter-spacing: 0.3em;
	margin: 0 0 1mm 0;
}
.reference {
	text-align: right;
	font-size: 10.5pt;
	margin: 0 0 4mm 0;
}
table.particulars {
	border-collapse: collapse;
	margin: 0 0 5mm 0;
	font-size: 11pt;
	line-height: 1.6;
}
table.particulars th {
	text-align: justify;
	text-align-last: justify;
	font-weight: normal;
	width: 6.5em;
	padding: 0 1em 0 0;
	vertical-align: top;
}
table.particulars td {
	padding: 0;
	vertical-align: top;
}
/* particulars two by two (label, value, label, value), as the PDF letter
   sets them: half the lines of one a row */
table.fields {
	display: block;
}
table.fields tbody {
	display: grid;
	/* the first value as wide as it needs, the second the rest */
	grid-template-columns: auto auto auto 1fr;
}
table.fields tr {
	display: contents;
}
table.fields tr:last-child:nth-child(odd) td {
	grid-column: span 3;
}
table.particulars td {
	padding-right: 1em;
}
table.data.fields tbody {
	border-top: 1px solid #666;
	border-left: 1px solid #666;
}
table.data.fields th, table.data.fields td {
	border: 0;
	border-right: 1px solid #666;
	border-bottom: 1px solid #666;
}
table.data.fields th {
	background: #f0f0f0;
	white-space: nowrap;
}
.salutation {
	margin: 0 0 2mm 0;
}
p {
	margin: 0 0 2mm 0;
	text-indent: 2em;
	text-align: justify;
}
h2 {
	font-size: 13pt;
	margin: 5mm 0 2mm 0;
}
ol.reasons {
	margin: 0 0 3mm 0;
	padding-left: 2em;
}
ol.reasons li {
	margin: 0 0 2mm 0;
	break-inside: avoid;
	page-break-inside: avoid;
}
ol.reasons .heading {
	display: block;
	font-weight: bold;
}
ol.reasons .detail {
	display: block;
	overflow-wrap: anywhere;
	word-break: break-word;
}
ol.steps {
	margin: 0 0 3mm 0;
	padding-left: 2em;
}
ol.steps li, ul.notes li {
	margin: 0 0 1mm 0;
}
ul.notes {
	margin: 0 0 3mm 0;
	padding-left: 2em;
}
table.data {
	border-collapse: collapse;
	margin: 0 0 3mm 0;
	font-size: 10.5pt;
	line-height: 1.5;
	break-inside: avoid;
	page-break-inside: avoid;
}
table.data th, table.data td {
	border: 1px solid #666;
	padding: 1mm 2mm;
	vertical-align: top;
	text-align: left;
}
table.data thead th {
	background: #f0f0f0;
	text-align: center;
}
/* the short columns (a step, a time, a score) unbroken; the last one wraps */
table.data td:not(:last-child) {
	white-space: nowrap;
}
table.data td.number {
	text-align: right;
	white-space: nowrap;
}
table.data tr.short td {
	font-weight: bold;
}
table.data tr.total td, table.data tr.total th {
	border-top: 2px solid #333;
}
.code {
	font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace;
	font-weight: bold;
	letter-spacing: 0.05em;
}
.deadline {
	font-weight: bold;
	text-decoration: underline;
}
.closing {
	margin-top: 4mm;
}
.closing .regards {
	text-indent: 2em;
	margin: 0;
}
.closing .salute {
	text-indent: 0;
	margin: 0;
}
.signature {
	margin: 10mm 0 0 auto;
	width: max-content;
	text-align: center;
	break-inside: avoid;
	page-break-inside: avoid;
}
/* the seal over the society's name and the date, as stamped on paper;
   its foot on the date's, so that it never reaches past the signature
   (a letter that ends at the foot of the page would print a blank second
   one) */
.signature {
	position: relative;
}
.signature img.seal {
	position: absolute;
	left: 50%;
	bottom: 0;
	width: 36mm;
	height: 36mm;
	margin: 0 0 0 -18mm;
	opacity: 0.85;
	pointer-events: none;
}
.sign-off {
	break-inside: avoid;
	page-break-inside: avoid;
}
.appendix {
	margin-top: 8mm;
	border-top: 1px dashed #999;
	font-size: 9.5pt;
	line-height: 1.6;
}
.appendix li {
	overflow-wrap: anywhere;
}
.signature .who, .signature .signatory, .signature .when {
	text-indent: 0;
	margin: 0;
}
.footer {
	margin-top: 10mm;
	border-top: 1px solid #999;
	padding-top: 2mm;
	font-size: 9pt;
	line-height: 1.5;
	color: #555;
	display: flex;
	justify-content: space-between;
}
@media print {
	html {
		background: none;
	}
	/* 五号 on paper in single spacing, as official letters are set, with the letterhead and
	   the spacing tightened so that the common letters keep to one A4
	   page (t1700) */
	body {
		padding: 0;
		font-size: 10.5pt;
		line-height: 1.3;
	}
	.sheet {
		width: auto;
		min-height: 0;
		padding: 0;
		box-shadow: none;
	}
	.letterhead {
		padding-bottom: 1mm;
		margin-bottom: 2.5mm;
	}
	.letterhead .society {
		font-size: 16pt;
		line-height: 1.3;
	}
	.letterhead .society-en {
		font-size: 9pt;
		line-height: 1.3;
	}
	h1 {
		font-size: 16pt;
		margin: 0;
	}
	.reference {
		margin: 0 0 1.5mm 0;
	}
	table.particulars {
		font-size: 10.5pt;
		line-height: 1.3;
		margin: 0 0 3mm 0;
	}
	/* paragraphs are told by their indent, as in print */
	.salutation, p {
		margin: 0;
	}
	h2 {
		font-size: 12pt;
		margin: 2mm 0 0.5mm 0;
		break-after: avoid;
		page-break-after: avoid;
	}
	ol.reasons, ol.steps, ul.notes {
		margin: 0 0 2mm 0;
	}
	ol.reasons li {
		margin: 0 0 1mm 0;
	}
	ol.steps li, ul.notes li {
		margin: 0;
	}
	/* tables in the PDF letter's small size */
	table.data {
		font-size: 9.5pt;
		line-height: 1.3;
		margin: 0 0 2mm 0;
	}
	table.data th, table.data td {
		padding: 0.5mm 1.5mm;
	}
	.closing {
		margin-top: 1mm;
	}
	.signature {
		margin-top: 3mm;
	}
	.appendix {
		margin-top: 5mm;
		line-height: 1.3;
	}
	/* on paper the letterhead and the signature name the society and the
	   date: the screen's footer would only push a page */
	.footer {
		display: none;
	}
}
</xsl:text>
  </xsl:template>

</xsl:stylesheet>
