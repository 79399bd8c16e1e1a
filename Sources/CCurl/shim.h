#ifndef NYHETSBREV_CCURL_SHIM_H
#define NYHETSBREV_CCURL_SHIM_H

#include <curl/curl.h>
#ifdef __GLIBC__
/* malloc_trim, to give a fetch cycle's freed memory back (see HeapMemory.swift);
   Swift's Glibc module leaves malloc.h out. */
#include <malloc.h>
#endif

/* curl_easy_setopt / curl_easy_getinfo / curl_multi_setopt are variadic and
   cannot be called from Swift; these typed wrappers are the only reason this
   shim exists. */

static inline CURLcode nyh_easy_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode nyh_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode nyh_easy_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode nyh_easy_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode nyh_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
typedef size_t (*nyh_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode nyh_easy_setopt_data_callback(CURL *h, CURLoption o, nyh_data_callback cb) {
    return curl_easy_setopt(h, o, cb);
}
typedef int (*nyh_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                     curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode nyh_easy_setopt_xferinfo(CURL *h, nyh_xferinfo_callback cb) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb);
}
static inline CURLcode nyh_easy_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode nyh_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode nyh_easy_getinfo_double(CURL *h, CURLINFO i, double *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode nyh_easy_getinfo_string(CURL *h, CURLINFO i, char **v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode nyh_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLMcode nyh_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}
/* CURLMsg keeps its result in an anonymous union. */
static inline CURLcode nyh_msg_result(const CURLMsg *msg) {
    return msg->data.result;
}

#endif
