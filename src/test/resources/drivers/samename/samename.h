//
//  samename.h - the device extension both translation units share.
//

#pragma once

typedef struct _SN_EXTENSION {
    ERESOURCE Resource;             // the device's configuration
    ULONG Requests;
} SN_EXTENSION, *PSN_EXTENSION;

DRIVER_DISPATCH SnWrite;
DRIVER_DISPATCH SnRead;
