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

/// The arena: `[heap base, top)` is in use, the rest of the memory is free; the heap grows by
/// `memory.grow`. The end of the memory is asked of `memory.size` when an allocation needs it
/// rather than kept (0.1 KB less wasm).
pub struct Arena {
    top: Cell<usize>,
}

// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread.
unsafe impl Sync for Arena {}

extern "C" {
    /// The first address after the module's data and stack, set by the linker.
    static __heap_base: u8;
}

fn heap_base() -> usize {
    // Only the symbol's address is taken.
    core::ptr::addr_of!(__heap_base) as usize
}

impl Arena {
    /// An arena that starts at the linker's heap base.
    pub const fn new() -> Arena {
        Arena { top: Cell::new(0) }
    }

    /// Empties the arena: everything allocated before is dead.
    pub fn reset(&self) {
        self.top.set(heap_base());
    }
}

impl Default for Arena {
    fn default() -> Self {
        Arena::new()
    }
}

unsafe impl GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // 0 until the first reset.
        let top = match self.top.get() {
            0 => heap_base(),
            top => top,
        };
        let align = layout.align();
        let at = (top + align - 1) & !(align - 1);
        let Some(new_top) = at.checked_add(layout.size()) else { return core::ptr::null_mut() };
        let end = wasm32::memory_size(0) * PAGE;
        if new_top > end && wasm32::memory_grow(0, (new_top - end).div_ceil(PAGE)) == usize::MAX {
            return core::ptr::null_mut();
        }
        self.top.set(new_top);
        at as *mut u8
    }

    unsafe fn dealloc(&self, _: *mut u8, _: Layout) {
        // Nothing: the next reset frees everything (see the module's documentation).
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let top = self.top.get();
        // The most recent allocation grows or shrinks where it is: freed, it is where the next
        // allocation of its alignment starts.
        if (ptr as usize).checked_add(layout.size()) == Some(top) {
            self.top.set(ptr as usize);
        }
        // SAFETY: the same alignment, and a size the caller guarantees is non-zero.
        let new = unsafe { self.alloc(Layout::from_size_align_unchecked(new_size, layout.align())) };
        if new.is_null() {
            self.top.set(top);
        } else if new != ptr {
            // SAFETY: both blocks are at least this long, and the new one starts at or after
            // the old top, past the old block.
            unsafe { core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
        }
        new
    }
}
