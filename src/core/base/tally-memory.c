/* tally-memory.c: hints about how big tables are used
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A million-row import keeps tables of tens of megabytes (persons, facts,
 * the identities seen) that it fills as it goes and reads at random. In
 * pages of 4 KiB each such table costs thousands of page faults and a TLB
 * miss at nearly every look-up; where the kernel gives huge pages only to
 * memory that asks for them (Debian's "madvise" default), these tables
 * ask.
 */
#define G_LOG_DOMAIN "tally-core"

#include "config.h"

#include "tally-memory.h"

#ifdef G_OS_UNIX
#include <sys/mman.h>
#include <unistd.h>
#endif

#define HUGE_PAGE_SIZE (2u * 1024 * 1024)

/**
 * tally_memory_advise_huge:
 * @memory: the start of an allocation
 * @size: its size in bytes
 *
 * Asks for huge pages for the part of @memory that spans whole huge pages,
 * when @size is large enough for that to matter; a hint, which the kernel
 * may ignore.
 */
void
tally_memory_advise_huge (gpointer memory,
                          gsize    size)
{
#if defined(G_OS_UNIX) && defined(MADV_HUGEPAGE)
  guintptr start = GPOINTER_TO_SIZE (memory), end = start + size;

  if (memory == NULL || size < 2 * HUGE_PAGE_SIZE)
    return;
  start = (start + HUGE_PAGE_SIZE - 1) & ~(guintptr) (HUGE_PAGE_SIZE - 1);
  end &= ~(guintptr) (HUGE_PAGE_SIZE - 1);
  if (end > start)
    (void) madvise (GSIZE_TO_POINTER (start), end - start, MADV_HUGEPAGE);
#else
  (void) memory;
  (void) size;
#endif
}
