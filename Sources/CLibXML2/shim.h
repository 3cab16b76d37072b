#ifndef HUELLA_CLIBXML2_SHIM_H
#define HUELLA_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, and encoding.h then includes ICU's headers, which
// clash with the copy of ICU inside Foundation. huella never touches the ICU fields of
// xmlCharEncodingHandler (the only thing the macro changes), so hide them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

// libxml2 reports parser errors through per-thread handlers; the thread
// defaults must be silenced before any worker thread parses, and the current
// thread's handlers as well. These no-op handlers do both.
static void cxml_ignore_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static void cxml_ignore_structured(void *ctx, xmlErrorPtr err) { (void)ctx; (void)err; }

static inline void cxml_silence_thread(void) {
    xmlSetGenericErrorFunc(NULL, cxml_ignore_generic);
    xmlSetStructuredErrorFunc(NULL, cxml_ignore_structured);
}

static inline void cxml_global_init(void) {
    xmlInitParser();
    xmlThrDefSetGenericErrorFunc(NULL, cxml_ignore_generic);
    xmlThrDefSetStructuredErrorFunc(NULL, cxml_ignore_structured);
    cxml_silence_thread();
}

// xmlFree is a global function-pointer variable, which Swift 6 refuses to read
// from concurrent code; this wrapper is a plain function.
static inline void cxml_free(void *p) { xmlFree(p); }

// The parse options huella always uses: recover (keeps JSON-LD text intact),
// no error output, no network access, and no switch of encoding at a <meta> charset
// (huella picks the encoding before the parse: Charset.swift).
static inline int cxml_html_options(void) {
    return HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT
        | HTML_PARSE_IGNORE_ENC;
}

// htmlReadMemory without the document's table of IDs: libxml2 enters every "id" attribute
// of a page in a hash table (xmlAddID) for the XPath function id() and xmlGetID, neither of
// which huella uses. Everything else as htmlReadMemory does it: a parser context of its
// own, the same options, URL and encoding.
static inline htmlDocPtr cxml_html_read_memory(const char *buffer, int size, const char *url, const char *encoding, int options) {
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt == NULL) return NULL;
    ctxt->loadsubset |= XML_SKIP_IDS;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, buffer, size, url, encoding, options);
    htmlFreeParserCtxt(ctxt);
    return doc;
}

#endif
