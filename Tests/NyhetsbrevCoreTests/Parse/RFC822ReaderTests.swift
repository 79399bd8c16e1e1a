import Foundation
import Testing
@testable import NyhetsbrevCore

/// `DateParser.rfc822` reads fields as offsets into the bytes; these check
/// it against the slice-based reader it replaced, over every combination of
/// the field shapes that reader accepted or refused.
@Suite struct RFC822ReaderTests {
    /// The earlier reader, kept as the reference for what the shape accepts.
    static func reference(_ all: UnsafeBufferPointer<UInt8>) -> Date? {
        func isSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var fields: [Slice<UnsafeBufferPointer<UInt8>>] = []
        var i = 0
        while i < all.count {
            while i < all.count, isSeparator(all[i]) { i += 1 }
            guard i < all.count else { break }
            let start = i
            while i < all.count, !isSeparator(all[i]) { i += 1 }
            guard fields.count < 7 else { return nil }
            fields.append(all[start..<i])
        }
        guard fields.count >= 4, fields.count <= 6 else { return nil }
        var first = 0
        if fields[0].last == 0x2C {
            guard fields[0].count == 4 else { return nil }
            first = 1
        }
        guard fields.count - first == 4 || fields.count - first == 5 else { return nil }
        func number(_ f: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
            guard !f.isEmpty, f.count <= 4, f.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return f.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let dayField = fields[first], monthField = fields[first + 1], yearField = fields[first + 2]
        let monthName = String(decoding: monthField.map { $0 | 0x20 }, as: UTF8.self)
        guard let day = number(dayField), dayField.count <= 2, monthField.count == 3, let month = months.firstIndex(of: monthName),
            var year = number(yearField), yearField.count == 4 || yearField.count == 2
        else { return nil }
        if yearField.count == 2 { year += year < 70 ? 2000 : 1900 }
        let clock = fields[first + 3]
        guard let colon1 = clock.firstIndex(of: 0x3A) else { return nil }
        let rest = clock[(colon1 + 1)...]
        let colon2 = rest.firstIndex(of: 0x3A)
        if let colon2, rest[(colon2 + 1)...].contains(0x3A) { return nil }
        guard let hour = number(clock[..<colon1]), let minute = number(rest[..<(colon2 ?? rest.endIndex)]) else { return nil }
        guard let second = colon2.map({ number(rest[($0 + 1)...]) }) ?? 0 else { return nil }
        var offset: Int?
        if fields.count - first == 5 {
            let zone = fields[first + 4]
            if let sign = zone.first, sign == 0x2B || sign == 0x2D {
                guard zone.count == 5, let v = number(zone.dropFirst()) else { return nil }
                offset = (sign == 0x2D ? -1 : 1) * ((v / 100) * 3600 + (v % 100) * 60)
            } else {
                guard let z = DateParser.namedZones[String(decoding: zone, as: UTF8.self).uppercased()] else { return nil }
                offset = z
            }
        }
        return DateParser.makeDate(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second, offset: offset, floatingTimeZone: .stockholm)
    }

    @Test func readsWhatTheSliceReaderRead() async throws {
        let weekdays = ["", "Sat, ", "sat,\t", "Sat ", "Tues, ", ", ", "Sa,, "]
        let days = ["7", "07", "007", "x7", "31"]
        let months = ["Sep", "sep", "SEP", "Sept", "S3p", "Fèb"]
        let years = ["2002", "02", "69", "70", "202", "20021"]
        let clocks = ["00:00:01", "0:0", "00:00", "00:00:01:02", "12", "1:2:3", "00:60:00", "24:00:00", "10::00", "10:00:", ":10", "0010:0020"]
        let zones = ["", " GMT", " gmt", " UT", " Z", " cest", " +0200", " -0530", " +02:00", " +020", " XYZ", " ESTX", " ıst", " 12", " GMT extra", " GMT a b"]
        // 181 440 strings: a second of work in a debug build, off the cooperative pool
        let (read, differing) = try await offPool { () -> (Int, [String]) in
            var read = 0
            var differing: [String] = []
            for weekday in weekdays {
                for day in days {
                    for month in months {
                        for year in years {
                            for clock in clocks {
                                for zone in zones {
                                    let text = "\(weekday)\(day) \(month)  \(year)\n\(clock)\(zone)"
                                    var bytes = text
                                    let (expected, actual) = bytes.withUTF8 { (Self.reference($0), DateParser.rfc822($0, floatingTimeZone: .stockholm)) }
                                    if expected != nil { read += 1 }
                                    if actual != expected { differing.append(text) }
                                }
                            }
                        }
                    }
                }
            }
            return (read, differing)
        }
        #expect(differing.isEmpty, "\(differing.count) differ, e.g. \(differing.prefix(5))")
        // the combinations include plenty of readable dates, not only refusals
        #expect(read > 4_000)
    }

    @Test(arguments: ["GMT", "gmt", "Cest", "z", "UT", "nzdt", "ıst", "EST5", "", "G"])
    func namedZoneReadsLikeTheTable(_ name: String) {
        var name = name
        let expected = DateParser.namedZones[name.uppercased()]
        #expect(name.withUTF8 { DateParser.namedZone($0) } == expected)
    }
}
