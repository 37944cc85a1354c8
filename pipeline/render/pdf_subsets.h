/* pdf_subsets.h - what a thread keeps for the PDFs it writes (pdf_direct.c):
 * the faces of the fonts it embeds, its compressor, and the font subsets of
 * the wording that the letters of a kind share.
 *
 * A face's subset holds the tables a PDF viewer needs of a TrueType font
 * (glyf, loca, head, hhea, hmtx, maxp), without hinting: it is drawn scaled,
 * on screen and paper alike. HarfBuzz subsets from a face of just those
 * tables of the font's file (made once a thread, holding the file's tables,
 * not copies), so that it never reads the font's character map, which is
 * what would cost most of a subset made from the whole face.
 *
 * Making a subset and deflating its font file was about a twelfth of the
 * packages run, and all but a few glyphs of a letter are those of its
 * kind's wording, the same in every letter. So pdf_direct.c asks for two
 * subsets of a face: the wording's, which the thread keeps (the last
 * PDF_KEPT_SUBSETS asked for), and the one of the glyphs that only the
 * letter's particulars draw, made for the letter alone. A kept subset is
 * taken again by a document whose glyphs are the same ones, and is what
 * those glyphs would make anew: a document's bytes never depend on what the
 * thread wrote before it. */
#ifndef ECAP_PDF_SUBSETS_H
#define ECAP_PDF_SUBSETS_H

#include <stddef.h>
#include <hb.h>
#include <hb-subset.h>

/* A font file's face as the documents embed it. */
struct pdf_face {
	hb_face_t *source;	/* Pango's face of the file, a reference: the key */
	hb_face_t *tables;	/* the subset's tables of source, to subset from */
	hb_font_t *font;	/* source at its own units: advances, metrics */
	int usable;		/* has TrueType outlines: every table above */
	unsigned units;		/* per em */
	int box[4];		/* head's xMin, yMin, xMax, yMax, in units */
	int ascent, descent, cap_height;
	char name[64];		/* the PostScript name, PDF name characters only */
	unsigned long used;	/* the serial of the last document that used it */
};

/* A subset of a face: its glyphs (and .notdef) renumbered from 0 in their
 * order in the font, with any a composite glyph is made of. */
struct pdf_subset {
	struct pdf_face *face;
	hb_set_t *glyphs;	/* the face's glyph numbers asked for, .notdef included */
	hb_subset_plan_t *plan;
	const hb_map_t *to_subset;	/* glyph number -> the subset's (the plan's) */
	const hb_map_t *from_subset;
	unsigned count;		/* glyphs in the subset, .notdef included */
	int *widths;		/* count: each glyph's advance in thousandths of an em */
	unsigned char *file;	/* the subset's font file, deflated (zlib) */
	size_t file_size;
	unsigned file_length;	/* its length undeflated: the stream's Length1 */
	char tag[7];		/* six capitals naming the subset, as PDF asks */
	unsigned long used;	/* the serial of the last document that took it */
	int kept;		/* the thread keeps it (pdf_subset_put_back) */
};

/* Subsets a thread keeps: a letter's wording is one a face, a kind has
 * a few versions of it (a paragraph one letter has and another has not). */
#define PDF_KEPT_SUBSETS 24

/* The faces a document may draw with. */
#define PDF_DOCUMENT_FACES 8

/* Faces a thread keeps: more than a document meets. */
#define PDF_KEPT_FACES 16

struct pdf_kept;

/* The calling thread's, made the first time; NULL out of memory. */
struct pdf_kept *pdf_kept_for_thread(void);

/* Begins a document: its serial, which marks what it uses. */
unsigned long pdf_kept_begin_document(struct pdf_kept *kept);

/* bytes deflated by the thread's compressor at PDF_DEFLATE_LEVEL, as a zlib
 * stream (RFC 1950, what FlateDecode reads), in a new buffer (free()) of
 * *size bytes; NULL out of memory. */
unsigned char *pdf_kept_deflate(struct pdf_kept *kept, const void *bytes, size_t length,
				size_t *size);

/* The thread's face of source, made the first time, marked used by the
 * current document. A thread keeps at most PDF_KEPT_FACES (a letter uses two
 * or three, a document at most PDF_DOCUMENT_FACES): the one used least lately
 * by other documents makes way when another must be kept (Pango's faces are
 * new ones after its font map is replaced), and the subsets kept of it go. */
struct pdf_face *pdf_kept_face(struct pdf_kept *kept, hb_face_t *source);

/* The subset of face's `glyphs` (.notdef is added), with its font file
 * deflated; NULL when it cannot be made. With `keep`, one the thread kept
 * of the same glyphs, or a new one that it keeps. Give it back with
 * pdf_subset_put_back before the document ends. */
struct pdf_subset *pdf_subset_take(struct pdf_kept *kept, struct pdf_face *face,
				   const hb_set_t *glyphs, int keep);
void pdf_subset_put_back(struct pdf_subset *subset);

#endif
