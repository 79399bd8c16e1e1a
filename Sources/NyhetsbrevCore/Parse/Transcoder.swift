#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts the encodings InputDecoder does not handle itself (KOI8-R,
/// windows-1251, EUC-KR, Shift_JIS, ...) to UTF-8 with iconv, so every
/// document reaches libxml2 as UTF-8 and recovery works the same for all.
/// Undecodable bytes become U+FFFD instead of failing the whole feed.
enum Transcoder {
    static func toUTF8(_ bytes: [UInt8], from label: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", label)
        guard let cd, Int(bitPattern: cd) != -1 else { return nil }
        defer { iconv_close(cd) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var buffer = [CChar](repeating: 0, count: 64 * 1024)
        var input = bytes.map { CChar(bitPattern: $0) }
        return input.withUnsafeMutableBufferPointer { inBuf -> [UInt8]? in
            guard var inPtr = inBuf.baseAddress else { return [] }
            var inLeft = inBuf.count
            while inLeft > 0 {
                let result: Int = buffer.withUnsafeMutableBufferPointer { outBuf in
                    var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                    var outLeft = outBuf.count
                    var inOpt: UnsafeMutablePointer<CChar>? = inPtr
                    let r = iconv(cd, &inOpt, &inLeft, &outPtr, &outLeft)
                    let produced = outBuf.count - outLeft
                    out.append(contentsOf: UnsafeRawBufferPointer(start: outBuf.baseAddress, count: produced))
                    if let inOpt { inPtr = inOpt }
                    return r == -1 ? Int(errno) : 0
                }
                if result == 0 || result == E2BIG { continue }
                if result == EILSEQ || result == EINVAL {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    inPtr += 1
                    inLeft -= 1
                    continue
                }
                return nil
            }
            return out
        }
    }
}
