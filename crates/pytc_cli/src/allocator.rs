//! The global allocator of release builds, and how it is tuned.
//!
//! A checker allocates and frees many small objects from several threads at once, which
//! mimalloc serves markedly faster than the system allocator. Left at its defaults on Linux,
//! though, mimalloc commits each arena it reserves (1 GiB of address space) eagerly, and the
//! pages it touches that way stay resident: on the rich corpus that was 49 MiB of a 129 MiB
//! peak (the system allocator peaks at 79 MiB), and on the mypy corpus 65 MiB of 540 MiB,
//! with 0.8 s more system time. Committing pages as they are first used leaves user plus
//! system time where it was (`scripts/bench.py` measures both).

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Only Linux needs it: mimalloc commits eagerly by default only where the OS overcommits.
#[cfg(all(feature = "mimalloc", target_os = "linux"))]
mod mimalloc_options {
    use std::ffi::{c_int, c_long};

    /// `mi_option_arena_eager_commit` in `mimalloc.h` of the pinned library (libmimalloc-sys
    /// 0.1.49, mimalloc v3; v2 numbers it the same).
    const ARENA_EAGER_COMMIT: c_int = 4;

    unsafe extern "C" {
        /// mimalloc's own setter of a runtime option; linked in with the allocator.
        fn mi_option_set(option: c_int, value: c_long);
    }

    /// Arenas are committed as their pages are first used, not all at once. Set from the
    /// process's constructors, before `main`: the runtime's first allocation, made before
    /// `main` runs, already reserves the arena that serves the whole check.
    extern "C" fn commit_arenas_on_demand() {
        // SAFETY: `mi_option_set` only stores the value of a known option; mimalloc reads it
        // when it next reserves an arena.
        unsafe { mi_option_set(ARENA_EAGER_COMMIT, 0) }
    }

    #[used]
    #[unsafe(link_section = ".init_array")]
    static COMMIT_ARENAS_ON_DEMAND: extern "C" fn() = commit_arenas_on_demand;
}
