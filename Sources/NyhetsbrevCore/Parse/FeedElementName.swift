#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element names feed mapping switches on, resolved once per name and
/// document when the name is interned, so mapping an element is a switch
/// over two small enums instead of a run of String comparisons.
enum FeedElementName: UInt8 {
    case other
    case author, body, category, channel, content, creator, date, description, email, enclosure, encoded, entry, feed
    case fullitem, guid, homepage, id, issued, item, language, lastbuilddate, link, modified, name, pubdate, published
    case subject, summary, title, updated, uri, url

    /// The case for a lower-cased local name; `.other` for names mapping
    /// ignores. Read from the name's bytes (every new name of every document
    /// comes here), comparing only the few known names of the same length.
    init(lowered name: UnsafeBufferPointer<UInt8>) {
        func isName(_ known: StaticString) -> Bool {
            memcmp(name.baseAddress!, known.utf8Start, name.count) == 0
        }
        switch name.count {
        case 2:
            if isName("id") {
                self = .id
            } else {
                self = .other
            }
        case 3:
            if isName("uri") {
                self = .uri
            } else if isName("url") {
                self = .url
            } else {
                self = .other
            }
        case 4:
            if isName("body") {
                self = .body
            } else if isName("date") {
                self = .date
            } else if isName("feed") {
                self = .feed
            } else if isName("guid") {
                self = .guid
            } else if isName("item") {
                self = .item
            } else if isName("link") {
                self = .link
            } else if isName("name") {
                self = .name
            } else {
                self = .other
            }
        case 5:
            if isName("email") {
                self = .email
            } else if isName("entry") {
                self = .entry
            } else if isName("title") {
                self = .title
            } else {
                self = .other
            }
        case 6:
            if isName("author") {
                self = .author
            } else if isName("issued") {
                self = .issued
            } else {
                self = .other
            }
        case 7:
            if isName("channel") {
                self = .channel
            } else if isName("content") {
                self = .content
            } else if isName("creator") {
                self = .creator
            } else if isName("encoded") {
                self = .encoded
            } else if isName("pubdate") {
                self = .pubdate
            } else if isName("subject") {
                self = .subject
            } else if isName("summary") {
                self = .summary
            } else if isName("updated") {
                self = .updated
            } else {
                self = .other
            }
        case 8:
            if isName("category") {
                self = .category
            } else if isName("fullitem") {
                self = .fullitem
            } else if isName("homepage") {
                self = .homepage
            } else if isName("language") {
                self = .language
            } else if isName("modified") {
                self = .modified
            } else {
                self = .other
            }
        case 9:
            if isName("enclosure") {
                self = .enclosure
            } else if isName("published") {
                self = .published
            } else {
                self = .other
            }
        case 11:
            if isName("description") {
                self = .description
            } else {
                self = .other
            }
        case 13:
            if isName("lastbuilddate") {
                self = .lastbuilddate
            } else {
                self = .other
            }
        default: self = .other
        }
    }
}
