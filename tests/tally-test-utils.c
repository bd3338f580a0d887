/* tally-test-utils.c: helpers shared by the tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "tally-test-utils.h"

/* A fresh scratch folder; tests that use it remove it at the end. */
char *
tally_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tally-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
tally_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        tally_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

char *
tally_test_file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

void
tally_test_write_file (const char *path,
                       const char *contents,
                       gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* Compiles the glibc locale @language (such as "de_DE") in UTF-8 into a
 * new folder and returns it, to put in LOCPATH before asking for @name
 * ("de_DE.UTF-8"); the caller removes it. A machine without the locale
 * sources (Debian's "locales", which .ci/install-deps.sh installs) fails
 * the test: a locale test that skips would prove nothing. */
char *
tally_test_make_locale (const char *language,
                        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tally_test_make_dir ();
  g_autofree char *target = g_build_filename (dir, name, NULL);
  g_autofree char *err = NULL;
  const char *argv[] = { "localedef", "-i", language, "-f", "UTF-8", target, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error))
    g_error ("localedef: %s", error->message);
  /* localedef warns, and exits 1, about things glibc accepts. */
  if (!g_file_test (target, G_FILE_TEST_IS_DIR))
    g_error ("localedef could not make %s (install the Debian package locales): %s", name, err);
  return g_steal_pointer (&dir);
}

struct _TallyTestLocale
{
  char *dir;
  char *saved;
};

/* Switches this process to the locale @name, compiled for the test as
 * tally_test_make_locale() does; tally_test_locale_leave() goes back. */
TallyTestLocale *
tally_test_locale_enter (const char *language,
                         const char *name)
{
  TallyTestLocale *locale = g_new0 (TallyTestLocale, 1);

  locale->dir = tally_test_make_locale (language, name);
  locale->saved = g_strdup (setlocale (LC_ALL, NULL));
  g_setenv ("LOCPATH", locale->dir, TRUE);
  g_assert_nonnull (setlocale (LC_ALL, name));
  return locale;
}

/* Back to the locale from before, which LOCPATH would hide, and the
 * compiled one removed. */
void
tally_test_locale_leave (TallyTestLocale *locale)
{
  g_unsetenv ("LOCPATH");
  g_assert_nonnull (setlocale (LC_ALL, locale->saved));
  tally_test_remove_dir (locale->dir);
  g_free (locale->dir);
  g_free (locale->saved);
  g_free (locale);
}
