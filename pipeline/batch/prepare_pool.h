/* prepare_pool.h - inputs prepared on several threads and filed in arrival
 * order on the calling one (prepare_pool.c): packages (packages.c) and
 * records (records.c) alike. */
#ifndef ECAP_PREPARE_POOL_H
#define ECAP_PREPARE_POOL_H

#include "batch.h"

/* What a kind of input does in the pool. prepare works out what an input's
 * bytes alone tell (read, hashed, parsed) into a slot of slot_size bytes; it
 * runs on a worker and may only read the batch, never change it, and reports
 * any failure in the slot, not by returning. file takes a prepared slot on
 * the filing thread, in arrival order, and does everything that reads or
 * changes the run (the store, the transaction, the log); release frees what
 * prepare put in a slot, filed or not. */
struct prepare_kind {
	size_t slot_size;
	void (*prepare)(const struct batch *batch, const struct intake_item *item, void *slot);
	int (*file)(struct batch *batch, const struct intake_item *item, void *slot,
		    struct error *err);
	void (*release)(void *slot);
};

/* Prepares items on `jobs` threads, at most a window of them ahead of the
 * one being filed (so memory does not grow with the batch), and files each
 * on this thread in order, calling progress just before; the first failure
 * of file stops it and is returned. Every result, log line and output byte
 * is that of preparing and filing each item in turn on one thread. */
int prepare_and_file(struct batch *batch, const struct prepare_kind *kind,
		     const struct intake_item *items, size_t count, int jobs,
		     void (*progress)(struct batch *), struct error *err);

#endif
