import Foundation

/// Byte counts for messages an admin reads: "20 MB", "512 KB", "900 bytes".
/// Binary units, matching how `maxBodyBytes` is usually written (20 * 1024 * 1024).
enum ByteCountText {
    static func text(_ bytes: Int) -> String {
        let mb = 1024 * 1024
        if bytes >= mb, bytes % mb == 0 { return "\(bytes / mb) MB" }
        if bytes >= mb { return String(format: "%.1f MB", Double(bytes) / Double(mb)) }
        if bytes >= 1024, bytes % 1024 == 0 { return "\(bytes / 1024) KB" }
        return "\(bytes) bytes"
    }
}
