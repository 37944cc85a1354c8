<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-reminder.xsl - the reminder before a certificate's expiry as XHTML for print:
  the letter document of letter-reminder.xsl rendered by letter-xhtml.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-reminder.xsl"/>
  <xsl:import href="letter-xhtml.xsl"/>
</xsl:stylesheet>
