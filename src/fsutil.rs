//! Reading input files with a size bound, and writing output files: the one writer of `run --json`, `check --json`, `explain --dot`,
//! `report --out/--markdown` and `asm --bless`.
//!
//! The policy:
//! * a symbolic link is followed (chains too): the file it names is written and the link stays
//!   a link;
//! * a regular file (or a name that does not exist yet) is replaced atomically: the bytes go to
//!   a new temporary file in the target's own directory, which is synced and renamed over the
//!   target, so a reader sees the old file or the new one and never a partial one; an existing
//!   file's permissions are kept;
//! * a FIFO or a character device (`/dev/stdout`, `/dev/null`, a terminal) is written directly,
//!   as `tee` would, and never replaced: a FIFO with no reader is an error rather than a wait;
//! * anything else (a directory, a block device, a socket) is refused with an error.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Symbolic links followed before giving up (Linux's own limit is 40).
const MAX_LINKS: usize = 40;

/// Where `path` leads: the last name of its chain of symbolic links, and that name's metadata
/// when it exists.
fn resolve(path: &Path) -> io::Result<(PathBuf, Option<Metadata>)> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(m) => return Ok((p, Some(m))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((p, None)),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links (a loop?)"
    )))
}

/// What a file type is called in an error.
pub(crate) fn kind_name(m: &Metadata) -> &'static str {
    let t = m.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
    }
    "not a regular file"
}

/// Is this a FIFO or a character device (written directly, like `tee`)?
fn is_stream(m: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        m.file_type().is_fifo() || m.file_type().is_char_device()
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        false
    }
}

/// Read a whole regular file of at most `max` bytes. Anything else is an error that says what
/// it is (`not a regular file (a FIFO)`, `12000000 bytes, more than ...`): a FIFO is never
/// waited on, a huge file is never read whole.
pub fn read_limited(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut opts = OpenOptions::new();
    opts.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Opening a FIFO for reading must not wait for a writer; it is refused below.
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let f = opts.open(path)?;
    let m = f.metadata()?;
    if !m.is_file() {
        return Err(io::Error::other(format!(
            "not a regular file ({})",
            kind_name(&m)
        )));
    }
    let too_big = |n: u64| io::Error::other(format!("{n} bytes, more than the {max} allowed"));
    if m.len() > max {
        return Err(too_big(m.len()));
    }
    let mut bytes = Vec::with_capacity(m.len() as usize);
    f.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Write `bytes` to `path` by the policy of this module. On an error nothing was replaced and
/// no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_deciding(path, bytes, &|| {})
}

/// [`write_atomic`], with `after_miss` called each time the name is found missing, before the
/// chain of links is resolved: where a test plays the other writer.
fn write_deciding(path: &Path, bytes: &[u8], after_miss: &dyn Fn()) -> io::Result<()> {
    // A name can change kind between looking and writing: another writer (a second `run
    // --json` to the same file) may create it after it was found missing. The decision is then
    // made again on what is there now; a few rounds settle any real race.
    const ROUNDS: usize = 8;
    for _ in 0..ROUNDS {
        // The kernel follows the links (`/dev/stdout` → `/proc/self/fd/1` → a pipe included).
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => return replace(&std::fs::canonicalize(path)?, bytes, Some(&m)),
            Ok(m) if is_stream(&m) => return write_stream(path, bytes),
            Ok(m) => {
                return Err(io::Error::other(format!(
                    "refusing to write to {}",
                    kind_name(&m)
                )))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                after_miss();
                // A new file, or a dangling link: create the file the chain of links names,
                // unless it appeared meanwhile (then decide again).
                if let (real, None) = resolve(path)? {
                    return replace(&real, bytes, None);
                }
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{} kept changing while it was being written ({ROUNDS} tries)",
        path.display()
    )))
}

/// Write into a FIFO or a character device as it is.
fn write_stream(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Non-blocking open: a FIFO without a reader fails (ENXIO) instead of waiting for one.
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let f = opts.open(path).map_err(|e| {
        #[cfg(target_os = "linux")]
        if e.raw_os_error() == Some(libc::ENXIO) {
            return io::Error::new(e.kind(), "a FIFO with no reader");
        }
        e
    })?;
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd as _;
        let fd = f.as_raw_fd();
        // Safety: `fd` is the open descriptor `f` owns for the duration of both calls.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        // Safety: as above; clearing O_NONBLOCK so writes wait for a slow reader.
        if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    let mut f = f;
    f.write_all(bytes)?;
    f.flush()
}

/// A name for a temporary file next to `real` no other writer uses (this process's id and a
/// counter; created exclusively, so an existing name is never followed or overwritten).
fn temp_name(real: &Path, k: u32) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    // Relaxed: a unique counter, nothing is published through it.
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name = real
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy().into_owned());
    // Keep the name within NAME_MAX (255 bytes) whatever the target's length.
    let name: String = name.chars().take(160).collect();
    real.with_file_name(format!(".{name}.{}.{n}.{k}.tmp", std::process::id()))
}

/// Replace a regular file (or create it) through a synced temporary file and a rename.
fn replace(real: &Path, bytes: &[u8], old: Option<&Metadata>) -> io::Result<()> {
    if real.file_name().is_none() {
        return Err(io::Error::other(format!(
            "{}: not a file name",
            real.display()
        )));
    }
    let (tmp, mut f) = {
        let mut k = 0;
        loop {
            let tmp = temp_name(real, k);
            match OpenOptions::new().write(true).create_new(true).open(&tmp) {
                Ok(f) => break (tmp, f),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && k < 100 => k += 1,
                Err(e) => return Err(e),
            }
        }
    };
    let res = (|| {
        if let Some(m) = old {
            f.set_permissions(m.permissions())?;
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, real)?;
        // Best effort: make the rename itself durable.
        if let Some(dir) = real.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    })();
    if res.is_err() {
        // Best effort: do not leave the temporary file behind.
        let _ = std::fs::remove_file(&tmp);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("orderlab-fsutil-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    }

    fn names(d: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// A name found missing and then created by another writer (a second `run --json` to the
    /// same file) before this one resolves it: the write goes ahead on what is there now, and
    /// the file ends up whole with this writer's bytes. (Once, this failed with "appeared while
    /// it was being written".)
    #[test]
    fn a_file_created_by_another_writer_meanwhile_is_replaced() {
        let d = tmpdir("race");
        let f = d.join("same.json");
        let created = std::cell::Cell::new(0);
        let other_writer = || {
            created.set(created.get() + 1);
            std::fs::write(&f, "theirs").expect("other writer");
        };
        write_deciding(&f, b"mine", &other_writer).expect("written");
        assert_eq!(
            created.get(),
            1,
            "the name was looked up once before it appeared"
        );
        assert_eq!(std::fs::read(&f).expect("read"), b"mine");
        assert_eq!(names(&d), ["same.json"]);
    }

    #[test]
    fn replaces_a_file_and_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt as _;
        let d = tmpdir("mode");
        let f = d.join("out.json");
        std::fs::write(&f, "old").expect("write");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&f, b"new").expect("written");
        assert_eq!(std::fs::read_to_string(&f).expect("read"), "new");
        let mode = std::fs::metadata(&f).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(names(&d), ["out.json"]);
    }

    #[test]
    fn writes_through_a_chain_of_links() {
        let d = tmpdir("links");
        std::fs::create_dir(d.join("sub")).expect("sub");
        std::fs::write(d.join("sub/real.json"), "old").expect("write");
        std::os::unix::fs::symlink("sub/real.json", d.join("mid.json")).expect("link");
        std::os::unix::fs::symlink("mid.json", d.join("link.json")).expect("link");
        write_atomic(&d.join("link.json"), b"new").expect("written");
        assert_eq!(
            std::fs::read_to_string(d.join("sub/real.json")).expect("read"),
            "new"
        );
        for l in ["link.json", "mid.json"] {
            let m = std::fs::symlink_metadata(d.join(l)).expect("meta");
            assert!(m.file_type().is_symlink(), "{l} is no longer a link");
        }
        // A dangling link: the file it names is created, the link stays.
        std::os::unix::fs::symlink("made.json", d.join("dangling.json")).expect("link");
        write_atomic(&d.join("dangling.json"), b"x").expect("written");
        assert_eq!(
            std::fs::read_to_string(d.join("made.json")).expect("read"),
            "x"
        );
        assert!(std::fs::symlink_metadata(d.join("dangling.json"))
            .expect("meta")
            .file_type()
            .is_symlink());
    }

    #[test]
    fn a_link_loop_is_an_error() {
        let d = tmpdir("loop");
        std::os::unix::fs::symlink("b", d.join("a")).expect("link");
        std::os::unix::fs::symlink("a", d.join("b")).expect("link");
        let e = write_atomic(&d.join("a"), b"x").unwrap_err();
        assert!(e.to_string().contains("symbolic links"), "{e}");
    }

    #[test]
    fn refuses_a_directory_and_leaves_nothing() {
        let d = tmpdir("dir");
        std::fs::create_dir(d.join("out")).expect("dir");
        let e = write_atomic(&d.join("out"), b"x").unwrap_err();
        assert!(e.to_string().contains("a directory"), "{e}");
        assert_eq!(names(&d), ["out"]);
        assert!(d.join("out").is_dir());
    }

    #[test]
    fn a_missing_directory_is_an_error_without_leftovers() {
        let d = tmpdir("missing");
        let e = write_atomic(&d.join("no/such/dir/out.json"), b"x").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert!(names(&d).is_empty());
    }

    #[test]
    fn reads_regular_files_within_the_bound_only() {
        let d = tmpdir("read");
        let f = d.join("in.litmus");
        std::fs::write(&f, "0123456789").expect("write");
        assert_eq!(read_limited(&f, 10).expect("read"), b"0123456789");
        let e = read_limited(&f, 9).unwrap_err();
        assert!(e.to_string().contains("10 bytes, more than the 9"), "{e}");
        let e = read_limited(Path::new("/dev/null"), 10).unwrap_err();
        assert!(e.to_string().contains("character device"), "{e}");
        let e = read_limited(&d, 10).unwrap_err();
        assert!(e.to_string().contains("directory"), "{e}");
    }

    #[test]
    fn dev_null_is_written_not_replaced() {
        write_atomic(Path::new("/dev/null"), b"x").expect("written");
        let m = std::fs::metadata("/dev/null").expect("meta");
        use std::os::unix::fs::FileTypeExt as _;
        assert!(m.file_type().is_char_device());
    }
}
