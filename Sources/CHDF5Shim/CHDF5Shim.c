#include "CHDF5Shim.h"
#include <string.h>
#include <hdf5_hl.h>

hid_t loonsim_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
hid_t loonsim_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
hid_t loonsim_h5t_native_int8(void) { return H5T_NATIVE_INT8; }
hid_t loonsim_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
hid_t loonsim_h5t_native_int16(void) { return H5T_NATIVE_INT16; }
hid_t loonsim_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
hid_t loonsim_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
hid_t loonsim_h5t_c_s1(void) { return H5T_C_S1; }
hid_t loonsim_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
hid_t loonsim_h5p_group_create(void) { return H5P_GROUP_CREATE; }
hid_t loonsim_h5p_file_create(void) { return H5P_FILE_CREATE; }
hid_t loonsim_h5p_file_access(void) { return H5P_FILE_ACCESS; }
hid_t loonsim_h5p_default(void) { return H5P_DEFAULT; }
hid_t loonsim_h5s_all(void) { return H5S_ALL; }
hid_t loonsim_h5e_default(void) { return H5E_DEFAULT; }
size_t loonsim_h5t_variable(void) { return H5T_VARIABLE; }
unsigned loonsim_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
unsigned loonsim_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
unsigned loonsim_h5f_acc_excl(void) { return H5F_ACC_EXCL; }

void loonsim_h5_silence_errors(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

typedef struct {
    char *buffer;
    size_t length;
} loonsim_error_sink;

// The stack is walked from the innermost (where the error was raised) outwards;
// keep the first entry, which is the most specific.
static herr_t loonsim_h5_walk(unsigned n, const H5E_error2_t *entry, void *data) {
    loonsim_error_sink *sink = (loonsim_error_sink *)data;
    if (n == 0 && entry != NULL && entry->desc != NULL) {
        strncpy(sink->buffer, entry->desc, sink->length - 1);
        sink->buffer[sink->length - 1] = '\0';
    }
    return 0;
}

void loonsim_h5_take_error(char *buffer, size_t length) {
    if (buffer == NULL || length == 0) return;
    buffer[0] = '\0';
    loonsim_error_sink sink = {buffer, length};
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, loonsim_h5_walk, &sink);
    H5Eclear2(H5E_DEFAULT);
}

typedef struct {
    char *buffer;
    size_t length;
    long found;
} loonsim_scale_sink;

static herr_t loonsim_h5ds_visit(hid_t dataset, unsigned dim, hid_t scale, void *data) {
    (void)dataset;
    (void)dim;
    loonsim_scale_sink *sink = (loonsim_scale_sink *)data;
    ssize_t size = H5Iget_name(scale, sink->buffer, sink->length);
    sink->found = (long)size;
    return 1;  // stop after the first scale
}

long loonsim_h5ds_first_scale_name(hid_t dataset, unsigned dim, char *buffer, size_t length) {
    if (buffer == NULL || length == 0) return -1;
    buffer[0] = '\0';
    if (H5DSget_num_scales(dataset, dim) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return -1;
    }
    loonsim_scale_sink sink = {buffer, length, -1};
    H5DSiterate_scales(dataset, dim, NULL, loonsim_h5ds_visit, &sink);
    H5Eclear2(H5E_DEFAULT);
    return sink.found;
}
