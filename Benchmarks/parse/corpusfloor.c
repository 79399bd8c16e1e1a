/*
 * The floor for parsing the public corpus with libxml2: every file read into
 * memory first, then pushed whole to a push-parser context with the options
 * FeedParser uses (NONET, NOCDATA, no error output) and SAX2 callbacks that
 * only count, one new context per document as FeedParser makes. Prints the
 * best of 5 passes over all files, as compare.sh times FeedParser. libxml2
 * decodes non-UTF-8 documents itself here; FeedParser transcodes some first.
 *
 *   gcc -O2 -o corpusfloor corpusfloor.c $(pkg-config --cflags --libs libxml-2.0)
 *   ./corpusfloor FILE...
 */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PASSES 5

static long elements, characters;

static void startElement(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri, int namespaces,
                         const xmlChar **namespaceList, int attributes, int defaulted, const xmlChar **attributeList) {
    elements++;
}

static void text(void *ctx, const xmlChar *bytes, int length) { characters += length; }

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    int files = argc - 1;
    char **documents = calloc(files, sizeof *documents);
    long *sizes = calloc(files, sizeof *sizes);
    for (int i = 0; i < files; i++) {
        FILE *f = fopen(argv[i + 1], "rb");
        if (!f) { perror(argv[i + 1]); return 1; }
        fseek(f, 0, SEEK_END);
        sizes[i] = ftell(f);
        fseek(f, 0, SEEK_SET);
        documents[i] = malloc(sizes[i] + 1);
        if (fread(documents[i], 1, sizes[i], f) != (size_t)sizes[i]) { perror(argv[i + 1]); return 1; }
        fclose(f);
    }
    xmlInitParser();
    double best = 1e9;
    for (int pass = 0; pass < PASSES; pass++) {
        double start = now();
        for (int i = 0; i < files; i++) {
            xmlSAXHandler sax;
            memset(&sax, 0, sizeof sax);
            xmlSAXVersion(&sax, 2);
            sax.startElementNs = startElement;
            sax.characters = text;
            sax.cdataBlock = text;
            sax.serror = NULL;
            sax.warning = NULL;
            sax.error = NULL;
            xmlParserCtxtPtr context = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
            xmlCtxtUseOptions(context, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
            xmlParseChunk(context, documents[i], (int)sizes[i], 1);
            if (context->myDoc) xmlFreeDoc(context->myDoc);
            xmlFreeParserCtxt(context);
        }
        double elapsed = now() - start;
        if (elapsed < best) best = elapsed;
    }
    printf("files=%d best=%.4fs elements=%ld\n", files, best, elements / PASSES);
    return 0;
}
