#ifndef NYHETSBREV_CLIBXML2_SHIM_H
#define NYHETSBREV_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU; its headers then pull in the system ICU,
   whose UErrorCode clashes with Foundation's copy on a clean debug build.
   Nothing here uses ICU, so switch it off before any other libxml header. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/xpath.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#include <libxml/xmlIO.h>
#include <libxml/uri.h>
#include <libxml/entities.h>

/* xmlFree is a global function pointer, which Swift 6 treats as shared
   mutable state; calling through a function keeps the call sites clean. */
static inline void nyh_xml_free(void *p) { xmlFree(p); }

/* Some errors (input it cannot convert from the declared encoding, and the
   I/O error that follows) libxml2 reports without a parser context, on a
   per-thread "generic" channel that prints to stderr: the journal, for the
   daemon. The parse result already says the document was broken, so the
   parsing thread discards them; the handler must be variadic, which Swift
   cannot write. */
static inline void nyh_xml_discard(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}
static inline void nyh_xml_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, nyh_xml_discard); }

#endif
