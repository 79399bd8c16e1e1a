import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import NyhetsbrevCore

@Suite struct EncodingTests {
    func title(_ bytes: [UInt8], httpCharset: String? = nil) throws -> String? {
        try FeedParser().parse(Data(bytes), httpCharset: httpCharset).entries.first?.title
    }

    func rss(_ decl: String, title: [UInt8]) -> [UInt8] {
        Array((decl + "<rss version=\"2.0\"><channel><item><title>").utf8) + title + Array("</title></item></channel></rss>".utf8)
    }

    @Test func latin1WithDeclaration() throws {
        #expect(try title(rss("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", title: [0x52, 0xE4, 0x6B, 0x73, 0x6D, 0xF6, 0x72, 0x67, 0xE5, 0x73])) == "Räksmörgås")
    }

    @Test func latin1WithoutDeclarationIsSniffed() throws {
        #expect(try title(rss("", title: [0x52, 0xE4, 0x6B])) == "Räk")
    }

    @Test func latin1FromHTTPCharset() throws {
        #expect(try title(rss("", title: [0xC5, 0x72]), httpCharset: "iso-8859-1") == "År")
    }

    @Test func windows1252BytesInLatin1Label() throws {
        // 0x93/0x94 are curly quotes in cp1252, C1 controls in Latin-1
        #expect(try title(rss("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>", title: [0x93, 0x68, 0x69, 0x94, 0x20, 0x80])) == "\u{201C}hi\u{201D} €")
        #expect(try title(rss("<?xml version=\"1.0\" encoding=\"windows-1252\"?>", title: [0x96])) == "\u{2013}")
    }

    @Test func utf16WithBOM() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><item><title>Smörgås</title></item></channel></rss>"
        var le: [UInt8] = [0xFF, 0xFE]
        var be: [UInt8] = [0xFE, 0xFF]
        for u in text.utf16 {
            le += [UInt8(u & 0xFF), UInt8(u >> 8)]
            be += [UInt8(u >> 8), UInt8(u & 0xFF)]
        }
        #expect(try title(le) == "Smörgås")
        #expect(try title(be) == "Smörgås")
    }

    @Test func leadingWhitespaceBeforeDeclaration() throws {
        let feed = try FeedParser().parse(Data("\n  \n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>".utf8))
        #expect(feed.title == "T")
        #expect(!feed.recovered)
    }

    @Test func utf8BOM() throws {
        #expect(try title([0xEF, 0xBB, 0xBF] + rss("<?xml version=\"1.0\"?>", title: Array("Å".utf8))) == "Å")
    }

    @Test func doubleEncodedUTF8IsRepaired() throws {
        #expect(try title(rss("<?xml version=\"1.0\" encoding=\"utf-8\"?>", title: Array("CafÃ©".utf8))) == "Café")
        #expect(try title(rss("<?xml version=\"1.0\" encoding=\"utf-8\"?>", title: Array("Öl".utf8))) == "Öl")
    }

    @Test func otherEncodingsGoThroughIconvAndStillRecover() throws {
        let cp1251: [UInt8] = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]
        #expect(try title(rss("<?xml version=\"1.0\" encoding=\"windows-1251\"?>", title: cp1251)) == "Привет")
        let feed = try FeedParser().parse(Data(rss("<?xml version=\"1.0\" encoding=\"windows-1251\"?>", title: cp1251 + Array(" & Co".utf8))))
        #expect(feed.recovered)
        #expect(feed.entries.first?.title == "Привет & Co")
    }

    /// An EBCDIC document (its first bytes are "<?xm" in EBCDIC) is read in
    /// the code page its declaration names, in Python's spelling too, else in 037.
    @Test func ebcdicDocumentsAreReadInTheirDeclaredCodePage() throws {
        func ebcdic(_ label: String?, title: [UInt8]) throws -> [UInt8] {
            let decl = label.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>" } ?? "<?xml version=\"1.0\"?>"
            let head = try #require(toEBCDIC(Array("\(decl)<rss version=\"2.0\"><channel><item><title>".utf8)))
            let tail = try #require(toEBCDIC(Array("</title></item></channel></rss>".utf8)))
            return head + title + tail
        }
        // 0x80 is Ø in code pages 037 and 500, and ΅ in 875 (Greek); "Hej" is C8 85 91 in all of them
        #expect(try title(ebcdic("cp037", title: [0xC8, 0x85, 0x91, 0x80])) == "HejØ")
        #expect(try title(ebcdic("ebcdic_cp_be", title: [0x80])) == "Ø")
        #expect(try title(ebcdic("ibm039", title: [0x80])) == "Ø")
        #expect(try title(ebcdic("cp875", title: [0x80])) == "΅")
        #expect(try title(ebcdic(nil, title: [0xC8, 0x85, 0x91])) == "Hej")
    }

    /// ASCII as code page 037, for writing the markup of an EBCDIC document.
    private func toEBCDIC(_ ascii: [UInt8]) -> [UInt8]? {
        let cd = iconv_open("IBM037", "UTF-8")
        guard let cd, Int(bitPattern: cd) != -1 else { return nil }
        defer { iconv_close(cd) }
        var input = ascii.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: ascii.count)
        let converted = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr = inBuf.baseAddress, outPtr = outBuf.baseAddress
                var inLeft = inBuf.count, outLeft = outBuf.count
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0
            }
        }
        return converted ? output.map { UInt8(bitPattern: $0) } : nil
    }

    /// Python's names for the Mac code pages (which feeds declare as Python writes them) reach iconv's.
    @Test func macCodePagesByPythonsNames() throws {
        #expect(try title(rss("<?xml version=\"1.0\" encoding=\"maclatin2\"?>", title: [0x81])) == "Ā")
        #expect(try title(rss("<?xml version=\"1.0\" encoding=\"macroman\"?>", title: [0x8A])) == "ä")
    }

    @Test func utf32WithAndWithoutBOM() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-32\"?><rss version=\"2.0\"><channel><item><title>Smörgås</title></item></channel></rss>"
        var le: [UInt8] = [0xFF, 0xFE, 0, 0]
        var be: [UInt8] = []
        for u in text.unicodeScalars {
            let v = u.value
            le += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v >> 16), 0]
            be += [0, UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
        }
        #expect(try title(le) == "Smörgås")
        #expect(try title(be) == "Smörgås")
    }

    @Test func wrongUTF16DeclarationOnASCIIBytes() throws {
        #expect(try title(rss("<?xml version=\"1.0\" encoding=\"utf-16\"?>", title: Array("Å".utf8))) == "Å")
    }

    /// The validator that decides between UTF-8 and Windows-1252 agrees with the standard library's
    /// on every position of a bad byte inside ASCII runs of every length (its 32- and 8-byte skips),
    /// and on ASCII alone of every length up to past two 32-byte blocks, ending on a block's edge or not.
    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        let pieces: [[UInt8]] = [
            [0xC3, 0xA5], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xC3], [0xE2, 0x82], [0x80], [0xC0, 0xAF],
            [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],
        ]
        for piece in pieces {
            for before in 0...40 {
                for after in 0...40 {
                    let bytes = [UInt8](repeating: 0x61, count: before) + piece + [UInt8](repeating: 0x62, count: after)
                    let expected = String(validating: bytes, as: UTF8.self) != nil
                    #expect(InputDecoder.isValidUTF8(bytes) == expected, "\(piece) after \(before) ASCII bytes")
                }
            }
        }
        for count in 0...80 {
            #expect(InputDecoder.isValidUTF8([UInt8](repeating: 0x61, count: count)), "\(count) ASCII bytes")
        }
        // characters straight after one another, without ASCII between them (a run of Cyrillic or CJK text)
        for first in pieces {
            for second in pieces {
                for run in 1...3 {
                    for before in [0, 5, 33] {
                        let bytes = [UInt8](repeating: 0x61, count: before) + Array([[UInt8]](repeating: first, count: run).joined()) + second + [0x63]
                        let expected = String(validating: bytes, as: UTF8.self) != nil
                        #expect(InputDecoder.isValidUTF8(bytes) == expected, "\(before) ASCII, \(run) × \(first), then \(second)")
                    }
                }
            }
        }
    }
}
