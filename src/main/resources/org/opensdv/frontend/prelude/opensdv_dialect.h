/*
 * OpenSDV dialect prelude. Force-included before every translation unit so that MSVC/WDK C parses
 * with a GNU C parser. It only defines spellings; it declares no kernel API (see opensdv_wdk.h).
 *
 * SEH is rewritten into ordinary C that the lowering recognises by its marker calls:
 *   __try { A } __finally { B }   ->  if (__opensdv_try()) { A } else if (__opensdv_finally()) { B }
 *   __try { A } __except (F) { H } -> if (__opensdv_try()) { A } else if (__opensdv_except(F)) { H }
 * SAL annotations expand to nothing; their macro expansions stay in the AST, where the lowering
 * records the lock annotations (_Acquires_*, _Releases_*, _Requires_*, _When_) on each function.
 */
#ifndef OPENSDV_DIALECT_H
#define OPENSDV_DIALECT_H

/* ---- structured exception handling ---- */
int __opensdv_try(void);
int __opensdv_finally(void);
int __opensdv_except(long filter);
void __opensdv_leave(void);
int __opensdv_abnormal_termination(void);
/* Functions, not markers: nothing lowers them specially, and traces show a value by its call. */
long GetExceptionCode(void);
void *GetExceptionInformation(void);

#define __try if (__opensdv_try())
#define __finally else if (__opensdv_finally())
#define __except(filter) else if (__opensdv_except(filter))
#define __leave __opensdv_leave()
#define _try __try
#define _finally __finally
#define _except __except
#define _leave __leave
#define AbnormalTermination() __opensdv_abnormal_termination()
#ifndef __cplusplus
/* The WDK's excpt.h gives C code these spellings; file systems use them throughout. */
#define try __try
#define except __except
#define finally __finally
#define leave __leave
#endif

/* ---- MSVC keywords ---- */
#define __declspec(...)
#define __forceinline __inline__
#define __inline __inline__
#define __int8 char
#define __int16 short
#define __int32 int
#define __int64 long long
#define __ptr32
#define __ptr64
#define __unaligned
#define __w64
#define __cdecl
#define __stdcall
#define __fastcall
#define __thiscall
#define __vectorcall
#define __clrcall
#define __pragma(...)
/* MSVC's function-name macros are string literals, so drivers paste them ("__FUNCTION__ ":" line");
   GNU C's are variables, which cannot be. Their text does not matter to a rule. */
#define __FUNCTION__ "function"
#define __FUNCDNAME__ "function"
#define __FUNCSIG__ "function"
/* C11's compile-time assertion, which CDT's C parser does not read at file scope; it checks
   nothing a rule needs, so it is dropped (a file-scope ';' is an empty declaration to GNU C) */
#define _Static_assert(...)
#define static_assert(...)
#define __assume(...) ((void)0)
#define __noop(...) ((void)0)
#define __nullterminated
#define __nullnullterminated
#define __possibly_notnullterminated
#define __callback
#define __allocator
#define __override
#define __sdv_save_request(x)
#define __sdv_restore_request(x)

/* ---- SAL 2 ---- */
#define _Use_decl_annotations_
#define _Check_return_
#define _Must_inspect_result_
#define _Success_(...)
#define _Return_type_success_(...)
#define _Post_satisfies_(...)
#define _Pre_satisfies_(...)
#define _Analysis_assume_(...)
#define _Analysis_mode_(...)
#define _Analysis_noreturn_
#define _Inexpressible_(...)
#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _In_reads_(...)
#define _In_reads_opt_(...)
#define _In_reads_bytes_(...)
#define _In_reads_bytes_opt_(...)
#define _In_reads_z_(...)
#define _In_reads_or_z_(...)
#define _In_range_(...)
#define _In_NLS_string_(...)
#define _Out_
#define _Out_opt_
#define _Out_writes_(...)
#define _Out_writes_opt_(...)
#define _Out_writes_bytes_(...)
#define _Out_writes_bytes_opt_(...)
#define _Out_writes_to_(...)
#define _Out_writes_to_opt_(...)
#define _Out_writes_bytes_to_(...)
#define _Out_writes_bytes_to_opt_(...)
#define _Out_writes_all_(...)
#define _Out_writes_bytes_all_(...)
#define _Out_writes_z_(...)
#define _Out_range_(...)
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Inout_updates_(...)
#define _Inout_updates_opt_(...)
#define _Inout_updates_bytes_(...)
#define _Inout_updates_bytes_opt_(...)
#define _Inout_updates_to_(...)
#define _Inout_updates_z_(...)
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_opt_result_maybenull_
#define _Outptr_result_nullonfailure_
#define _Outptr_result_buffer_(...)
#define _Outptr_result_bytebuffer_(...)
#define _Outptr_result_z_
#define _Deref_out_
#define _Deref_out_opt_
#define _Deref_out_range_(...)
#define _Deref_in_range_(...)
#define _Deref_pre_maybenull_
#define _Deref_post_maybenull_
#define _Ret_
#define _Ret_z_
#define _Ret_maybenull_
#define _Ret_notnull_
#define _Ret_null_
#define _Ret_range_(...)
#define _Ret_writes_(...)
#define _Ret_writes_bytes_(...)
#define _Ret_writes_maybenull_(...)
#define _Ret_writes_bytes_maybenull_(...)
#define _Result_nullonfailure_
#define _Result_zeroonfailure_
#define _Field_size_(...)
#define _Field_size_opt_(...)
#define _Field_size_bytes_(...)
#define _Field_size_bytes_opt_(...)
#define _Field_size_part_(...)
#define _Field_size_bytes_part_(...)
#define _Field_size_full_(...)
#define _Field_range_(...)
#define _Field_z_
#define _Struct_size_bytes_(...)
#define _Null_terminated_
#define _NullNull_terminated_
#define _Printf_format_string_
#define _Pre_
#define _Post_
#define _Deref_
#define _Notnull_
#define _Maybenull_
#define _Null_
#define _Valid_
#define _Notvalid_
#define _Const_
#define _Readable_bytes_(...)
#define _Writable_bytes_(...)
#define _Readable_elements_(...)
#define _Writable_elements_(...)
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Pre_null_
#define _Pre_z_
#define _Pre_valid_
#define _Pre_opt_valid_
#define _Pre_readable_size_(...)
#define _Pre_writable_size_(...)
#define _Pre_defensive_
#define _Post_notnull_
#define _Post_maybenull_
#define _Post_null_
#define _Post_z_
#define _Post_valid_
#define _Post_invalid_
#define _Post_ptr_invalid_
#define _Post_readable_size_(...)
#define _Post_writable_size_(...)
#define _Post_equal_to_(...)
#define _Post_defensive_
#define _Points_to_data_
#define _Literal_
#define _Notliteral_
#define _Reserved_
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Interlocked_operand_
#define _Always_(...)
#define _On_failure_(...)
#define _At_(...)
#define _At_buffer_(...)
#define _When_(...)
#define _Group_(...)
#define _Unchanged_(...)
#define _Old_(x) x
#define _Curr_
#define _Param_(n) 0
#define _Strict_type_match_
#define _Writes_and_advances_ptr_(...)
#define _Writes_bytes_and_advances_ptr_(...)
#define _Translates_Win32_to_HRESULT_(...)
#define _Enum_is_bitflag_
#define _Kernel_float_used_
#define _Kernel_float_saved_
#define _Kernel_float_restored_
#define _Kernel_clear_do_init_(...)
#define _Kernel_IoGetDmaAdapter_
#define _Kernel_requires_resource_held_(...)
#define _Kernel_requires_resource_not_held_(...)
#define _Kernel_acquires_resource_(...)
#define _Kernel_releases_resource_(...)
#define _Kernel_ifs_
#define _IRQL_requires_(...)
#define _IRQL_requires_max_(...)
#define _IRQL_requires_min_(...)
#define _IRQL_requires_same_
#define _IRQL_raises_(...)
#define _IRQL_saves_
#define _IRQL_restores_
#define _IRQL_saves_global_(...)
#define _IRQL_restores_global_(...)
#define _IRQL_always_function_max_(...)
#define _IRQL_always_function_min_(...)
#define _IRQL_uses_cancel_
#define _IRQL_is_cancel_
#define _IRQL_requires_function_max_(...)
#define _Dispatch_type_(...)
#define _Function_class_(...)
#define _Acquires_lock_(...)
#define _Acquires_exclusive_lock_(...)
#define _Acquires_shared_lock_(...)
#define _Acquires_nonreentrant_lock_(...)
#define _Releases_lock_(...)
#define _Releases_exclusive_lock_(...)
#define _Releases_shared_lock_(...)
#define _Releases_nonreentrant_lock_(...)
#define _Requires_lock_held_(...)
#define _Requires_exclusive_lock_held_(...)
#define _Requires_shared_lock_held_(...)
#define _Requires_lock_not_held_(...)
#define _Requires_no_locks_held_
#define _Has_lock_kind_(...)
#define _Has_lock_level_(...)
#define _Lock_level_order_(...)
#define _Create_lock_level_(...)
#define _Guarded_by_(...)
#define _Write_guarded_by_(...)
#define _Interlocked_
#define _No_competing_thread_
#define _Benign_race_begin_ __pragma(warning(push))
#define _Benign_race_end_ __pragma(warning(pop))
#define _No_competing_thread_begin_ __pragma(warning(push))
#define _No_competing_thread_end_ __pragma(warning(pop))
#define _Post_same_lock_(...)
#define _Internal_set_lock_count_(...)

#define _Unreferenced_parameter_
#define _Ret_valid_
#define _Outptr_result_bytebuffer_maybenull_(...)
#define _Outptr_opt_result_bytebuffer_(...)
#define _Outptr_result_buffer_maybenull_(...)
#define _Post_writable_byte_size_(...)
#define _Post_readable_byte_size_(...)
#define _Analysis_assume_lock_held_(...)
#define _Analysis_assume_lock_not_held_(...)
#define _Analysis_assume_lock_acquired_(...)
#define _Analysis_assume_lock_released_(...)
#define _Analysis_assume_same_lock_(...)
#define _Analysis_suppress_lock_checking_(...)
#define _Analysis_code_type_user_code_
#define _Analysis_code_type_kernel_code_
#define _Global_critical_region_
#define _Global_cancel_spin_lock_
#define _Global_interlock_
#define _Global_priority_region_
#define _Flt_CompletionContext_Outptr_
#define _Flt_ConnectionCookie_Outptr_
#define _Flt_ConnectionCookie_Outptr_
#define _Kernel_entry_
#define _Kernel_entry_always_
#define _Kernel_requires_resource_held_(...)
#define _Inout_updates_bytes_all_(...)
#define _Inout_updates_all_(...)
#define _Out_writes_bytes_all_opt_(...)
#define _In_reads_bytes_opt_(...)
#define _Pre_equal_to_(...)
#define _Post_count_(...)
#define _Post_bytecount_(...)
#define _Deref_out_z_
#define _Deref_post_z_
#define _Deref_opt_out_opt_
#define _Outptr_opt_result_z_
#define _Outptr_result_maybenull_z_
#define _Out_writes_opt_z_(...)
#define _Out_writes_bytes_to_opt_(...)
#define _Ret_opt_valid_
#define _Ret_maybenull_z_
#define _Ret_notnull_z_
#define _Must_inspect_impl_
#define _Check_return_opt_
#define _Check_return_wat_
#define _Notref_
#define _Pre_unknown_
#define _Post_maybez_
#define _In_defensive_(...)
#define _Out_defensive_(...)
#define _Inout_defensive_(...)
#define _Field_size_part_opt_(...)
#define _Field_size_bytes_part_opt_(...)
#define _Field_size_full_opt_(...)
#define _Field_size_bytes_full_(...)
#define _Field_size_bytes_full_opt_(...)
#define _Field_z_
#define _Frees_ptr_opt_
#define _Releases_exclusive_lock_(...)
#define _Acquires_nonreentrant_lock_(...)
#define _IRQL_requires_min_(...)

/* ---- SAL 1 and the __drv_ driver annotations ---- */
#define __in
#define __in_opt
#define __in_z
#define __in_opt_z
#define __out
#define __out_opt
#define __inout
#define __inout_opt
#define __in_bcount(...)
#define __in_bcount_opt(...)
#define __in_ecount(...)
#define __in_ecount_opt(...)
#define __in_xcount(...)
#define __out_bcount(...)
#define __out_bcount_opt(...)
#define __out_bcount_part(...)
#define __out_bcount_full(...)
#define __out_ecount(...)
#define __out_ecount_opt(...)
#define __out_ecount_part(...)
#define __out_ecount_full(...)
#define __out_xcount(...)
#define __inout_bcount(...)
#define __inout_bcount_opt(...)
#define __inout_ecount(...)
#define __inout_ecount_opt(...)
#define __deref_out
#define __deref_out_opt
#define __deref_inout
#define __deref_inout_opt
#define __deref_out_bcount(...)
#define __deref_out_ecount(...)
#define __deref_opt_out
#define __checkReturn
#define __success(...)
#define __bcount(...)
#define __ecount(...)
#define __field_bcount(...)
#define __field_ecount(...)
#define __field_bcount_part(...)
#define __field_ecount_part(...)
#define __field_range(...)
#define __range(...)
#define __reserved
#define __format_string
#define __typefix(...)
#define __bound
#define __notnull
#define __maybenull
#define __readonly
#define __valid
#define __notvalid
#define __pre
#define __post
#define __exceptthat
#define __drv_dispatchType(...)
#define __drv_dispatchType_other
#define __drv_functionClass(...)
#define __drv_maxIRQL(...)
#define __drv_minIRQL(...)
#define __drv_requiresIRQL(...)
#define __drv_raisesIRQL(...)
#define __drv_savesIRQL
#define __drv_restoresIRQL
#define __drv_savesIRQLGlobal(...)
#define __drv_restoresIRQLGlobal(...)
#define __drv_setsIRQL(...)
#define __drv_sameIRQL
#define __drv_maxFunctionIRQL(...)
#define __drv_minFunctionIRQL(...)
#define __drv_useCancelIRQL
#define __drv_when(...)
#define __drv_at(...)
#define __drv_in(...)
#define __drv_out(...)
#define __drv_in_deref(...)
#define __drv_out_deref(...)
#define __drv_arg(...)
#define __drv_aliasesMem
#define __drv_allocatesMem(...)
#define __drv_freesMem(...)
#define __drv_acquiresResource(...)
#define __drv_releasesResource(...)
#define __drv_acquiresExclusiveResource(...)
#define __drv_releasesExclusiveResource(...)
#define __drv_acquiresResourceGlobal(...)
#define __drv_releasesResourceGlobal(...)
#define __drv_mustHold(...)
#define __drv_mustHoldGlobal(...)
#define __drv_neverHold(...)
#define __drv_neverHoldGlobal(...)
#define __drv_innerMustHoldGlobal(...)
#define __drv_innerNeverHoldGlobal(...)
#define __drv_mustHoldCriticalRegion
#define __drv_mustHoldCancelSpinLock
#define __drv_neverHoldCancelSpinLock
#define __drv_acquiresCriticalRegion
#define __drv_releasesCriticalRegion
#define __drv_acquiresCancelSpinLock
#define __drv_releasesCancelSpinLock
#define __drv_acquiresPriorityRegion
#define __drv_releasesPriorityRegion
#define __drv_clearDoInit(...)
#define __drv_valueIs(...)
#define __drv_constant
#define __drv_nonConstant
#define __drv_strictType(...)
#define __drv_strictTypeMatch(...)
#define __drv_isObjectPointer
#define __drv_isCancelIRQL
#define __drv_completeRequest
#define __drv_inTry
#define __drv_notInTry
#define __drv_notPointer
#define __drv_preferredFunction(...)
#define __drv_reportError(...)
#define __drv_formatString(...)
#define __drv_floatUsed
#define __drv_floatSaved
#define __drv_floatRestored
#define __drv_interlocked
#define __drv_typeConst
#define __drv_typeCond
#define __drv_typeBitset
#define __drv_typeExpr
#define __drv_requiresIRQL(...)
#define __drv_Mode_impl(...)
#define __drv_declspec(...)
#define __drv_ret(...)
#define __drv_unit(...)
#define __drv_defined(...)
#define __drv_deref(...)
#define __drv_fun(...)
#define __drv_maxIRQL(...)
#define __drv_IoGetDmaAdapter
#define __drv_KMDF_IRQL_Constraint

#endif /* OPENSDV_DIALECT_H */
