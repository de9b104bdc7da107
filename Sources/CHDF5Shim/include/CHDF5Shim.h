// Functions that stand in for HDF5's macros and library globals, which do not
// import into Swift (or are not concurrency-safe to touch from Swift 6).
#ifndef LOONSIM_CHDF5_SHIM_H
#define LOONSIM_CHDF5_SHIM_H

#include <hdf5.h>
#include <stddef.h>

hid_t loonsim_h5t_native_float(void);
hid_t loonsim_h5t_native_double(void);
hid_t loonsim_h5t_native_int8(void);
hid_t loonsim_h5t_native_uint8(void);
hid_t loonsim_h5t_native_int16(void);
hid_t loonsim_h5t_native_int32(void);
hid_t loonsim_h5t_native_int64(void);
hid_t loonsim_h5t_c_s1(void);
hid_t loonsim_h5p_dataset_create(void);
hid_t loonsim_h5p_group_create(void);
hid_t loonsim_h5p_file_create(void);
hid_t loonsim_h5p_file_access(void);
hid_t loonsim_h5p_default(void);
hid_t loonsim_h5s_all(void);
hid_t loonsim_h5e_default(void);
size_t loonsim_h5t_variable(void);
unsigned loonsim_h5f_acc_rdonly(void);
unsigned loonsim_h5f_acc_trunc(void);
unsigned loonsim_h5f_acc_excl(void);

/// Turns off HDF5's printing of its error stack (loonsim reports errors itself).
void loonsim_h5_silence_errors(void);

/// Writes the innermost description on HDF5's current error stack into `buffer`
/// (empty when the stack is empty) and clears the stack.
void loonsim_h5_take_error(char *buffer, size_t length);

/// Writes the path of the first dimension scale attached to dimension `dim` of
/// dataset `dataset` into `buffer`; returns its length, or -1 when none is attached.
long loonsim_h5ds_first_scale_name(hid_t dataset, unsigned dim, char *buffer, size_t length);

#endif
