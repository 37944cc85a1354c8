<?xml version="1.0" encoding="UTF-8"?>
<!--
  public-register-index.xsl - the search page of the public register site,
  out/public/register/index.html (R11, formats.md §6), from the
  publicRegister document. Static: the page loads data.js beside it (every
  certificate, R11's fields only) and searches it in the browser by
  registration number, certificate serial or exact name, so that it works
  from file:// and from any static web server with no server code.
  index.html?q=TEXT opens with the results for TEXT; a QR code's address
  (baseUrl + serial + "?code=" + code) may point here, as
  index.html?q=SERIAL?code=CODE: what follows the serial is ignored.
  Parameter certificates: how many certificates the register holds (the
  run writes the page from the register's root and keys alone, never
  holding every certificate); by default, those of the document.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="public-register-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:param name="certificates" select="count($register/e:certificate)"/>

  <xsl:template match="/">
    <xsl:if test="not($register)">
      <xsl:message terminate="yes">public-register-index: the document is not an ecap publicRegister</xsl:message>
    </xsl:if>
    <html lang="zh-CN" xml:lang="zh-CN">
      <head>
	<meta charset="UTF-8"/>
	<meta name="viewport" content="width=device-width, initial-scale=1"/>
	<title><xsl:value-of select="concat('工程会员证书查询 - ', $society-name)"/></title>
	<style type="text/css"><xsl:call-template name="site-css"/></style>
      </head>
      <body>
	<main>
	  <h1>工程会员证书查询 <span class="en">Certificate register</span></h1>
	  <p><xsl:value-of select="$society-name"/><xsl:text> </xsl:text>
	    <span class="en"><xsl:value-of select="$society-name-en"/></span></p>
	  <xsl:call-template name="as-of"/>
	  <form id="search" action="index.html" method="get">
	    <label for="q">注册编号、证书编号或姓名（完整）
	      <span class="en">Registration number, certificate serial or full name</span></label><br/>
	    <input type="search" id="q" name="q" autofocus="autofocus"/>
	    <xsl:text> </xsl:text>
	    <button type="submit">查询 Search</button>
	  </form>
	  <p id="summary"></p>
	  <table id="results" hidden="hidden">
	    <thead>
	      <tr><th>证书编号 Serial</th><th>注册编号 Registration</th><th>姓名 Name</th>
		<th>级别 Level</th><th>领域 Field</th><th>状态 Status</th>
		<th>发证 Issued</th><th>有效期至 Expires</th></tr>
	    </thead>
	    <tbody id="rows"></tbody>
	  </table>
	  <noscript><p>查询需要启用 JavaScript；也可直接打开“证书编号.html”。
	    <span class="en">The search needs JavaScript; each certificate also has its own page, SERIAL.html.</span></p></noscript>
	  <p>共 <xsl:value-of select="$certificates"/> 份证书。
	    <span class="en"><xsl:value-of select="$certificates"/> certificates.</span>
	    <a href="../register.xml">签名登记册 Signed register (XML)</a></p>
	  <xsl:call-template name="keys"/>
	  <footer>本页不显示身份证件号码、出生日期、工作单位或联系方式。
	    <span class="en">No ID number, birth date, employer or contact is shown.</span></footer>
	</main>
	<script src="data.js"><xsl:text> </xsl:text></script>
	<script><xsl:call-template name="search-script"/></script>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="search-script">
    <xsl:text disable-output-escaping="yes"><![CDATA[
(function () {
  var names = { valid: '有效 Valid', suspended: '暂停 Suspended', cancelled: '注销 Cancelled',
                revoked: '撤销 Revoked', expired: '过期 Expired', superseded: '已换发 Superseded' };
  var data = window.ECAP_REGISTER || { certificates: [] };
  var input = document.getElementById('q');
  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }
  function search(text) {
    // a QR code's address: SERIAL?code=CODE
    var wanted = text.split('?')[0].replace(/^\s+|\s+$/g, '');
    var key = wanted.toUpperCase();
    var found = data.certificates.filter(function (c) {
      return key !== '' && (c.serial.toUpperCase() === key || c.registration.toUpperCase() === key ||
                            c.name === wanted);
    });
    var rows = document.getElementById('rows');
    rows.textContent = '';
    found.forEach(function (c) {
      var row = document.createElement('tr');
      var link = document.createElement('a');
      link.href = encodeURIComponent(c.serial) + '.html';
      link.textContent = c.serial;
      cell(row, '').appendChild(link);
      cell(row, c.registration);
      cell(row, c.name, 'name');
      cell(row, c.level);
      cell(row, c.field);
      cell(row, names[c.status] || c.status, 'status status-' + c.status);
      cell(row, c.issued);
      cell(row, c.expires);
      rows.appendChild(row);
    });
    document.getElementById('results').hidden = found.length === 0;
    document.getElementById('summary').textContent = wanted === '' ? '' :
      found.length ? '找到 ' + found.length + ' 份证书 (' + found.length + ' found) for ' + wanted :
      '未找到 ' + wanted + ' (nothing found)';
  }
  var q = new URLSearchParams(window.location.search).get('q');
  if (q) { input.value = q.split('?')[0]; search(q); }
  document.getElementById('search').addEventListener('submit', function (event) {
    event.preventDefault();
    search(input.value);
    try { history.replaceState(null, '', '?q=' + encodeURIComponent(input.value)); } catch (e) {}
  });
})();
]]></xsl:text>
  </xsl:template>

</xsl:stylesheet>
