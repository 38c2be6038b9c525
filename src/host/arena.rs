//! The npm module's allocator: a bump arena that the module empties at the start of every
//! exchange with its JS (`npm::buffer`). The module keeps nothing between exchanges, so nothing
//! outlives a reset, and nothing is ever freed: `dealloc` does nothing, so that the compiler can
//! see that dropping a value does nothing either and leaves out the drop glue that would walk it
//! (1.3 KB gzip of wasm, 29.0 KB instead of 30.3, measured with `make size`). The most recent
//! allocation still grows and shrinks in place, so a growing `String` or `Vec` extends where it
//! is; what one exchange leaves behind is at most a few copies of its input (the JS replaces an
//! instance whose memory grew past 8 MiB).
//!
//! Why not a free list (lol_alloc, dlmalloc): a free list is state that one bad free corrupts for
//! good. wasm-bindgen's string glue, given a non-string by a caller's fetch, once freed the
//! dangling address `1` twice; the free list then held a node pointing to itself, and the next
//! allocation that no earlier block could satisfy walked that cycle forever (issue 14). An arena
//! has no list to corrupt: a stray free of a foreign address is ignored, and the next exchange
//! starts from a clean heap whatever the last one left behind. It is also smaller: 0.2 KB of
//! wasm against lol_alloc's 0.5 KB (`make size`).

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::Cell;

const PAGE: usize = 65_536;

/// The arena: `[base, top)` is in use, `[top, end)` is free; the heap grows by `memory.grow`.
pub struct Arena {
    base: Cell<usize>,
    top: Cell<usize>,
    end: Cell<usize>,
}

// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread.
unsafe impl Sync for Arena {}

extern "C" {
    /// The first address after the module's data and stack, set by the linker.
    static __heap_base: u8;
}

impl Arena {
    /// An arena that starts at the linker's heap base on first use.
    pub const fn new() -> Arena {
        Arena { base: Cell::new(0), top: Cell::new(0), end: Cell::new(0) }
    }

    fn start(&self) {
        if self.base.get() == 0 {
            // Only the symbol's address is taken.
            let base = core::ptr::addr_of!(__heap_base) as usize;
            self.base.set(base);
            self.top.set(base);
            self.end.set(wasm32::memory_size(0) * PAGE);
        }
    }

    /// Empties the arena: everything allocated before is dead.
    pub fn reset(&self) {
        self.start();
        self.top.set(self.base.get());
    }
}

impl Default for Arena {
    fn default() -> Self {
        Arena::new()
    }
}

unsafe impl GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.start();
        let align = layout.align();
        let at = (self.top.get() + align - 1) & !(align - 1);
        let Some(new_top) = at.checked_add(layout.size()) else { return core::ptr::null_mut() };
        if new_top > self.end.get() {
            let pages = (new_top - self.end.get()).div_ceil(PAGE);
            if wasm32::memory_grow(0, pages) == usize::MAX {
                return core::ptr::null_mut();
            }
            self.end.set(self.end.get() + pages * PAGE);
        }
        self.top.set(new_top);
        at as *mut u8
    }

    unsafe fn dealloc(&self, _: *mut u8, _: Layout) {
        // Nothing: the next reset frees everything (see the module's documentation).
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old_end = (ptr as usize).checked_add(layout.size());
        // The most recent allocation grows or shrinks where it is.
        if old_end == Some(self.top.get()) && ptr as usize >= self.base.get() {
            if let Some(new_top) = (ptr as usize).checked_add(new_size) {
                if new_top <= self.end.get() {
                    self.top.set(new_top);
                    return ptr;
                }
            }
        }
        // SAFETY: the same alignment, and a size the caller guarantees is non-zero.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both blocks are at least this long and distinct.
            unsafe { core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
        }
        new
    }
}
