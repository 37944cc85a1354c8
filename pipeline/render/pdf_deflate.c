/* pdf_deflate.c - cairo's PDF streams deflated whole, by libdeflate.
 *
 * Why ecap defines zlib functions: cairo 1.16 deflates every stream of a
 * PDF (each font subset, each page's content) through zlib's deflateInit,
 * deflate and deflateEnd at zlib's default level, and has no setting for
 * either. The streams of the letters and certificates are mostly TrueType
 * glyph outlines, which compress poorly: at zlib's level 1, its fastest,
 * deflating was still a sixth of all the CPU time of the benchmark's
 * lifecycle. libdeflate compresses a whole buffer at once, in a third of
 * the time of zlib's level 1 and a few per cent smaller (README, "PDF, and
 * why this way"). So a stream begun with deflateInit at the default level,
 * which is what cairo asks for, collects its input and is compressed in one
 * piece by libdeflate at PDF_DEFLATE_LEVEL when it is finished; the output
 * is an ordinary zlib stream (RFC 1950), what a PDF's FlateDecode reads.
 *
 * The executable's definitions come before libz's for every caller in the
 * process (ELF symbol interposition), as cairo_fill_extents does in pdf.c.
 * Every other stream is zlib's own and passes through untouched: one begun
 * with a level named (the audit archive's gzip, through libarchive, calls
 * deflateInit2 at level 0), or with deflateInit2. A whole stream is told
 * from zlib's by its first member: zlib's state begins with a pointer back
 * to its z_stream, a whole stream's with whole_stream_tag's address.
 *
 * A whole stream supports what cairo and zlib's compress() use: input in
 * any number of deflate(Z_NO_FLUSH) calls, then deflate(Z_FINISH) until it
 * returns Z_STREAM_END, as much output each call as avail_out takes; the
 * other flushes (a sync or full flush, which need the output so far) answer
 * Z_STREAM_ERROR. zlib's other functions, given a whole stream, see a state
 * that is not theirs and answer Z_STREAM_ERROR too. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>
#include <zlib.h>
#include "pdf_surface.h"

static const char whole_stream_tag;

/* A whole stream's state, in place of zlib's in z_stream's state. */
struct whole_stream {
	const char *tag;	/* &whole_stream_tag; zlib's state has its z_stream here */
	struct pdf_buffer input;	/* the input so far, until compressed */
	unsigned char *output;	/* the zlib stream, once compressed */
	size_t output_size;
	size_t output_sent;	/* how much of output the caller has taken */
	int compressed;
};

/* zlib's own deflate and deflateEnd, for the streams that are not whole. */
static int (*zlib_deflate)(z_streamp stream, int flush);
static int (*zlib_deflate_end)(z_streamp stream);
static pthread_once_t zlib_found = PTHREAD_ONCE_INIT;

static void find_zlib(void)
{
	zlib_deflate = (int (*)(z_streamp, int))dlsym(RTLD_NEXT, "deflate");
	zlib_deflate_end = (int (*)(z_streamp))dlsym(RTLD_NEXT, "deflateEnd");
}

static struct whole_stream *whole_stream_of(z_streamp stream)
{
	struct whole_stream *whole;

	if (!stream || !stream->state)
		return NULL;
	whole = (struct whole_stream *)(void *)stream->state;
	return whole->tag == &whole_stream_tag ? whole : NULL;
}

/* zlib's deflateInit(3): at the default level, a whole stream; at a level
 * named, zlib's own stream at that level. */
int deflateInit_(z_streamp stream, int level, const char *version, int stream_size)
{
	struct whole_stream *whole;

	if (level != Z_DEFAULT_COMPRESSION)
		return deflateInit2_(stream, level, Z_DEFLATED, MAX_WBITS, ZLIB_MEMORY_LEVEL,
				     Z_DEFAULT_STRATEGY, version, stream_size);
	if (!version || version[0] != ZLIB_VERSION[0] || stream_size != (int)sizeof(z_stream))
		return Z_VERSION_ERROR;
	if (!stream)
		return Z_STREAM_ERROR;
	whole = calloc(1, sizeof(*whole));
	if (!whole)
		return Z_MEM_ERROR;
	whole->tag = &whole_stream_tag;
	stream->state = (struct internal_state *)(void *)whole;
	stream->msg = NULL;
	stream->total_in = stream->total_out = 0;
	stream->adler = 1;
	stream->data_type = Z_UNKNOWN;
	return Z_OK;
}

/* Takes the caller's input into whole's buffer. */
static int take_input(z_streamp stream, struct whole_stream *whole)
{
	if (pdf_buffer_append(&whole->input, stream->next_in, stream->avail_in) < 0)
		return Z_MEM_ERROR;
	stream->next_in += stream->avail_in;
	stream->total_in += stream->avail_in;
	stream->avail_in = 0;
	return Z_OK;
}

/* Compresses whole's input in one piece; the input buffer is freed. */
static int compress_whole(z_streamp stream, struct whole_stream *whole)
{
	struct libdeflate_compressor *compressor =
		libdeflate_alloc_compressor(PDF_DEFLATE_LEVEL);
	size_t bound;

	if (!compressor)
		return Z_MEM_ERROR;
	bound = libdeflate_zlib_compress_bound(compressor, whole->input.size);
	whole->output = malloc(bound);
	if (whole->output)
		whole->output_size = libdeflate_zlib_compress(compressor, whole->input.data,
							      whole->input.size, whole->output,
							      bound);
	libdeflate_free_compressor(compressor);
	if (!whole->output || whole->output_size == 0)
		return Z_MEM_ERROR;
	stream->adler = libdeflate_adler32(1, whole->input.data, whole->input.size);
	free(whole->input.data);
	whole->input = (struct pdf_buffer){ NULL, 0, 0 };
	whole->compressed = 1;
	return Z_OK;
}

/* zlib's deflate(3). */
int deflate(z_streamp stream, int flush)
{
	struct whole_stream *whole = whole_stream_of(stream);
	size_t length;
	int status;

	if (!whole) {
		pthread_once(&zlib_found, find_zlib);
		return zlib_deflate ? zlib_deflate(stream, flush) : Z_STREAM_ERROR;
	}
	if ((flush != Z_NO_FLUSH && flush != Z_FINISH) || !stream->next_out ||
	    (!stream->next_in && stream->avail_in) || (whole->compressed && flush != Z_FINISH))
		return Z_STREAM_ERROR;
	if (stream->avail_out == 0)
		return Z_BUF_ERROR;
	if (!whole->compressed) {
		if (flush == Z_NO_FLUSH && stream->avail_in == 0)
			return Z_BUF_ERROR;	/* as zlib: no progress possible */
		status = take_input(stream, whole);
		if (status == Z_OK && flush == Z_FINISH)
			status = compress_whole(stream, whole);
		if (status != Z_OK || flush == Z_NO_FLUSH)
			return status;
	}
	length = whole->output_size - whole->output_sent;
	if (length > stream->avail_out)
		length = stream->avail_out;
	memcpy(stream->next_out, whole->output + whole->output_sent, length);
	whole->output_sent += length;
	stream->next_out += length;
	stream->avail_out -= (uInt)length;
	stream->total_out += length;
	return whole->output_sent == whole->output_size ? Z_STREAM_END : Z_OK;
}

/* zlib's deflateEnd(3): Z_DATA_ERROR, as zlib's, when input or output was
 * still pending. */
int deflateEnd(z_streamp stream)
{
	struct whole_stream *whole = whole_stream_of(stream);
	int pending;

	if (!whole) {
		pthread_once(&zlib_found, find_zlib);
		return zlib_deflate_end ? zlib_deflate_end(stream) : Z_STREAM_ERROR;
	}
	pending = whole->compressed ? whole->output_sent < whole->output_size
				    : whole->input.size > 0;
	free(whole->input.data);
	free(whole->output);
	free(whole);
	stream->state = NULL;
	return pending ? Z_DATA_ERROR : Z_OK;
}
