<?xml version="1.0" encoding="UTF-8"?>
<!--
  evidence-list.xsl - for bench/baseline.sh: the evidence files an
  application lists, as sha256sum check lines ("HASH  PATH"), so that the
  operator's script can run `sha256sum -c` in the unpacked package.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:for-each select="/e:application/e:evidence/e:file">
      <xsl:value-of select="concat(@sha256, '  ', @path, '&#10;')"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
