<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-status-text.xsl - the letter about a change of a certificate's status as plain text (the e-mail twin):
  the letter document of letter-status.xsl rendered by letter-text.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-status.xsl"/>
  <xsl:import href="letter-text.xsl"/>
</xsl:stylesheet>
